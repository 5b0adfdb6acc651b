import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@crosswalk/contracts';

export const IMPORT_KINDS = ['people', 'schools', 'tenures'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_KINDS, example: 'schools', description: 'What the rows are; import people and schools before tenures' })
  @IsIn(IMPORT_KINDS)
  kind!: ImportKind;
}

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** A tenures row: the person (by email) took the role at the school or organization on startDate. */
export class TenureRow {
  @Transform(emptyToUndefined) @IsOptional() @IsString() schoolId?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() organizationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(60) role!: string;
  @IsString() @IsNotEmpty() personEmail!: string;
  @IsCalendarDate() startDate!: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ImportRowError {
  @ApiProperty({ example: 7, description: 'Line in the file (the header is line 1)' }) line!: number;
  @ApiPropertyOptional({ example: 'sector' }) column?: string;
  @ApiProperty({ example: 'sector must be one of the following values: district, charter, catholic, independent, faith_based' }) message!: string;
}

export class ImportResult {
  @ApiProperty({ enum: IMPORT_KINDS, example: 'schools' }) kind!: ImportKind;
  @ApiProperty({ example: 42 }) rows!: number;
  @ApiProperty({ example: 40, description: 'Rows that added a record' }) created!: number;
  @ApiProperty({ example: 2, description: 'Rows already in the directory (a re-run of the same file creates nothing)' }) unchanged!: number;
}

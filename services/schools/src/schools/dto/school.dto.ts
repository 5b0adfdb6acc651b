import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, SCHOOL_SECTORS, type SchoolSector } from '@crosswalk/contracts';
import { IsOptionalNonNull, PageQuery } from '@crosswalk/platform';
import type { School, SchoolStatus } from '../school.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NCES_SCHOOL = { message: 'ncesId must be a 12-digit NCES school id' };

export class CreateSchoolRequest {
  @ApiProperty({ example: 'Bruce Randolph School' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: SCHOOL_SECTORS, example: 'district' }) @IsIn(SCHOOL_SECTORS) sector!: SchoolSector;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsString() @IsNotEmpty() cityId!: string;
  @ApiPropertyOptional({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f', description: 'The operator (district, CMO, diocese, network), in the same city' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  organizationId?: string;
  @ApiPropertyOptional({ example: '080336001234', description: '12-digit NCES school id, unique' })
  @IsOptional()
  @Matches(/^\d{12}$/, NCES_SCHOOL)
  ncesId?: string;
}

export class UpdateSchoolRequest {
  @ApiPropertyOptional({ example: 'Bruce Randolph School' }) @IsOptionalNonNull() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f',
    description: 'null detaches the school from its operator',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  organizationId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '080336001234' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Matches(/^\d{12}$/, NCES_SCHOOL)
  ncesId?: string | null;
}

export class CloseSchoolRequest {
  @ApiProperty({ example: '2026-06-30', description: 'Last day the school operates; its open tenures end that day' }) @IsCalendarDate() effectiveDate!: string;
}

export class SchoolListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsOptional() @IsString() @IsNotEmpty() cityId?: string;
  @ApiPropertyOptional({ enum: SCHOOL_SECTORS, example: 'charter' }) @IsOptional() @IsIn(SCHOOL_SECTORS) sector?: SchoolSector;
  @ApiPropertyOptional({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) @IsOptional() @IsString() @IsNotEmpty() organizationId?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'], example: 'open' }) @IsOptional() @IsIn(['open', 'closed']) status?: SchoolStatus;
}

export class SchoolResponse {
  @ApiProperty({ example: '01935a7e-6d3e-7f50-9b22-3c4d5e6f7081' }) id!: string;
  @ApiProperty({ example: 'Bruce Randolph School' }) name!: string;
  @ApiProperty({ enum: SCHOOL_SECTORS, example: 'district' }) sector!: SchoolSector;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) cityId!: string;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) organizationId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '080336001234' }) ncesId!: string | null;
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' }) status!: SchoolStatus;
  @ApiProperty({ nullable: true, type: String, example: null }) closedOn!: string | null;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) updatedAt!: string;

  static of(s: School): SchoolResponse {
    return {
      id: s.id,
      name: s.name,
      sector: s.sector,
      cityId: s.cityId,
      organizationId: s.organizationId,
      ncesId: s.ncesId,
      status: s.status,
      closedOn: s.closedOn,
      createdAt: new Date(s.createdAt).toISOString(),
      updatedAt: new Date(s.updatedAt).toISOString(),
    };
  }
}

export class SchoolPage {
  @ApiProperty({ type: [SchoolResponse] }) items!: SchoolResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MDE5MzVhN2UtNmQzZS03ZjUwLTliMjItM2M0ZDVlNmY3MDgx',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

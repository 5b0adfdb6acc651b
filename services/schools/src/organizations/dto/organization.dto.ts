import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ORGANIZATION_KINDS, type OrganizationKind } from '@crosswalk/contracts';
import { IsOptionalNonNull, PageQuery } from '@crosswalk/platform';
import type { Organization } from '../organization.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationRequest {
  @ApiProperty({ example: 'Denver Public Schools' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS, example: 'district' }) @IsIn(ORGANIZATION_KINDS) kind!: OrganizationKind;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsString() @IsNotEmpty() cityId!: string;
  @ApiPropertyOptional({ example: '0803360', description: '7-digit NCES LEA id, unique' })
  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'ncesLeaId must be a 7-digit NCES LEA id' })
  ncesLeaId?: string;
}

export class UpdateOrganizationRequest {
  @ApiPropertyOptional({ example: 'Denver Public Schools' }) @IsOptionalNonNull() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, example: 'cmo' }) @IsOptionalNonNull() @IsIn(ORGANIZATION_KINDS) kind?: OrganizationKind;
  @ApiPropertyOptional({ example: '0803360', nullable: true, type: String, description: 'null removes it' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Matches(/^\d{7}$/, { message: 'ncesLeaId must be a 7-digit NCES LEA id' })
  ncesLeaId?: string | null;
}

export class OrganizationListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsOptional() @IsString() @IsNotEmpty() cityId?: string;
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, example: 'district' }) @IsOptional() @IsIn(ORGANIZATION_KINDS) kind?: OrganizationKind;
}

export class OrganizationResponse {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ example: 'Denver Public Schools' }) name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS, example: 'district' }) kind!: OrganizationKind;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) cityId!: string;
  @ApiProperty({ example: '0803360', nullable: true, type: String }) ncesLeaId!: string | null;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) updatedAt!: string;

  static of(o: Organization): OrganizationResponse {
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      cityId: o.cityId,
      ncesLeaId: o.ncesLeaId,
      createdAt: new Date(o.createdAt).toISOString(),
      updatedAt: new Date(o.updatedAt).toISOString(),
    };
  }
}

export class OrganizationPage {
  @ApiProperty({ type: [OrganizationResponse] }) items!: OrganizationResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MDE5MzVhN2UtNmQzZS03ZjUwLTliMjItM2M0ZDVlNmY3MDgx',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

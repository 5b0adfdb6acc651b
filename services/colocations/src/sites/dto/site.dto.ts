import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@crosswalk/platform';
import type { Site } from '../site.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateSiteRequest {
  @ApiProperty({ example: 'Lincoln Campus' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' })
  @IsString()
  @IsNotEmpty()
  cityId!: string;

  @ApiPropertyOptional({ example: '2285 S Federal Blvd, Denver, CO 80219' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class SiteQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityId?: string;
}

export class SiteResponse {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e70' }) id!: string;
  @ApiProperty({ example: 'Lincoln Campus' }) name!: string;
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) cityId!: string;
  @ApiProperty({ nullable: true, type: String, example: '2285 S Federal Blvd, Denver, CO 80219' }) address!: string | null;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;

  static of(site: Site): SiteResponse {
    return { id: site.id, name: site.name, cityId: site.cityId, address: site.address, createdAt: new Date(site.createdAt).toISOString() };
  }
}

export class SitePage {
  @ApiProperty({ type: [SiteResponse] }) items!: SiteResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

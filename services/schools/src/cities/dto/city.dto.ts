import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIanaTimeZone } from '@crosswalk/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { City } from '../city.entity';

export class CreateCityRequest {
  @ApiProperty({ example: 'Denver' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'CO', description: 'Two-letter US state code' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter upper-case US state code' })
  state!: string;

  @ApiPropertyOptional({
    example: 'America/Denver',
    nullable: true,
    type: String,
    description: "IANA time zone; the events service schedules the city's events in it when they name none (else UTC)",
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;
}

/**
 * A rename, a corrected state or a time zone (null removes it); all optional, validated like creation.
 * `skipNullProperties: false`: a null name or state is validated (and refused), not skipped.
 */
export class UpdateCityRequest extends PartialType(CreateCityRequest, { skipNullProperties: false }) {}

export class CityResponse {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ example: 'Denver' }) name!: string;
  @ApiProperty({ example: 'CO' }) state!: string;
  @ApiProperty({ example: 'America/Denver', nullable: true, type: String }) timeZone!: string | null;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;

  static of(city: City): CityResponse {
    return { id: city.id, name: city.name, state: city.state, timeZone: city.timeZone, createdAt: new Date(city.createdAt).toISOString() };
  }
}

export class CityPage {
  @ApiProperty({ type: [CityResponse] }) items!: CityResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MDE5MzVhN2UtNmQzZS03ZjUwLTliMjItM2M0ZDVlNmY3MDgx',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

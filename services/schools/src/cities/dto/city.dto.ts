import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
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
}

/** A rename or a corrected state; both optional, validated like creation. */
export class UpdateCityRequest extends PartialType(CreateCityRequest) {}

export class CityResponse {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) id!: string;
  @ApiProperty({ example: 'Denver' }) name!: string;
  @ApiProperty({ example: 'CO' }) state!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;

  static of(city: City): CityResponse {
    return { id: city.id, name: city.name, state: city.state, createdAt: new Date(city.createdAt).toISOString() };
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

import { IsNotEmpty, IsString, Length, Matches } from 'class-validator';
import { defineEvent } from '../registry';

const DIRECTORY_TOPIC = 'schools.directory.v1';

export class CityCreatedV1 {
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() name!: string;
  /** Two-letter US state code. */
  @IsString() @Length(2, 2) @Matches(/^[A-Z]{2}$/) state!: string;
}

export const CityCreated = defineEvent({
  type: 'schools.city.created',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: CityCreatedV1,
  description: 'A city joined the network. Key: city id.',
});

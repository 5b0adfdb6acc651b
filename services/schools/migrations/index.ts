import { Cities1764000000000 } from './1764000000000-cities';
import { Directory1764100000000 } from './1764100000000-directory';
import { CityTimeZones1796300000000 } from './1796300000000-city-time-zones';
import { NaturalKeys1796400000000 } from './1796400000000-natural-keys';
import { PersonContactsPublished1796500000000 } from './1796500000000-person-contacts-published';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const SCHOOLS_MIGRATIONS = [
  Cities1764000000000,
  Directory1764100000000,
  CityTimeZones1796300000000,
  NaturalKeys1796400000000,
  PersonContactsPublished1796500000000,
];

import { KnownCities1764000000000 } from './1764000000000-known-cities';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const METRICS_MIGRATIONS = [KnownCities1764000000000];

import { Cities1764000000000 } from './1764000000000-cities';
import { Directory1764100000000 } from './1764100000000-directory';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const SCHOOLS_MIGRATIONS = [Cities1764000000000, Directory1764100000000];

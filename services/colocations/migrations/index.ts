import { Colocations1764200000000 } from './1764200000000-colocations';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const COLOCATIONS_MIGRATIONS = [Colocations1764200000000];

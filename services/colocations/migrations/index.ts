import { Colocations1764200000000 } from './1764200000000-colocations';
import { RecommitmentRequests1764200000001 } from './1764200000001-recommitment-requests';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const COLOCATIONS_MIGRATIONS = [Colocations1764200000000, RecommitmentRequests1764200000001];

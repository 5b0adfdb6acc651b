import { DIRECTORY_COPY_MIGRATIONS } from '@crosswalk/directory-copy';
import { Colocations1764200000000 } from './1764200000000-colocations';
import { RecommitmentRequests1764200000001 } from './1764200000001-recommitment-requests';
import { DirectoryCopyMoved1796200000001 } from './1796200000001-directory-copy-moved';
import { SiteNaturalKey1796400000000 } from './1796400000000-site-natural-key';

/**
 * In order; each schema change is a new file, never an edit of a landed one. The directory copy's tables come
 * from @crosswalk/directory-copy; DirectoryCopyMoved moves the service's earlier copy into them.
 */
export const COLOCATIONS_MIGRATIONS = [
  Colocations1764200000000,
  RecommitmentRequests1764200000001,
  ...DIRECTORY_COPY_MIGRATIONS,
  DirectoryCopyMoved1796200000001,
  SiteNaturalKey1796400000000,
];

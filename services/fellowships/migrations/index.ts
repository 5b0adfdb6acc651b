import { DIRECTORY_COPY_MIGRATIONS } from '@crosswalk/directory-copy';
import { Fellowships1797000000000 } from './1797000000000-fellowships';
import { FellowshipPlacements1797200000000 } from './1797200000000-placements';

/** In order; each schema change is a new file, never an edit of a landed one. The directory copy's tables come first. */
export const FELLOWSHIPS_MIGRATIONS = [...DIRECTORY_COPY_MIGRATIONS, Fellowships1797000000000, FellowshipPlacements1797200000000];

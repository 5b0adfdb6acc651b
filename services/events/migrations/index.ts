import { DirectoryCopy1764400000000 } from './1764400000000-directory-copy';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const EVENTS_MIGRATIONS = [DirectoryCopy1764400000000];

/** In order; each schema change is a new file, never an edit of a landed one. */
export const FELLOWSHIPS_MIGRATIONS = [];

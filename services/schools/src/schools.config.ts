import { IsInt, Max, Min } from 'class-validator';
import { PlatformConfig } from '@crosswalk/platform';

const IMPORT_MAX_ROWS_RULE = 'SCHOOLS_IMPORT_MAX_ROWS must be an integer from 1 to 100000';

/**
 * The schools service's environment. Types are spelled out on every field: loadConfig converts strings by the
 * emitted design types.
 */
export class SchoolsConfig extends PlatformConfig {
  /**
   * Data rows one CSV import may hold (`POST /v1/imports`); a longer file is refused with 413 before anything is
   * applied. It bounds how long one import's transaction runs and how much of it is held in memory.
   */
  @IsInt({ message: IMPORT_MAX_ROWS_RULE })
  @Min(1, { message: IMPORT_MAX_ROWS_RULE })
  @Max(100_000, { message: IMPORT_MAX_ROWS_RULE })
  SCHOOLS_IMPORT_MAX_ROWS: number = 10_000;
}

import { IsInt, Max, Min } from 'class-validator';
import { PlatformConfig } from '@crosswalk/platform';

/**
 * The colocations service's environment. Types are spelled out on every field: loadConfig converts strings
 * by the emitted design types.
 */
export class ColocationsConfig extends PlatformConfig {
  /** Days a member school's new principal has to recommit before the partnership lapses. */
  @IsInt({ message: 'COLOCATION_GRACE_PERIOD_DAYS must be an integer' })
  @Min(1, { message: 'COLOCATION_GRACE_PERIOD_DAYS must be between 1 and 3650' })
  @Max(3650, { message: 'COLOCATION_GRACE_PERIOD_DAYS must be between 1 and 3650' })
  COLOCATION_GRACE_PERIOD_DAYS: number = 90;

  /** How often the grace-period evaluation runs on its own (0 turns the scheduled job off). */
  @IsInt({ message: 'COLOCATION_GRACE_CHECK_INTERVAL_SECONDS must be an integer' })
  @Min(0, { message: 'COLOCATION_GRACE_CHECK_INTERVAL_SECONDS must be 0 or more' })
  COLOCATION_GRACE_CHECK_INTERVAL_SECONDS: number = 3600;
}

import { IsInt, Min } from 'class-validator';
import { PlatformConfig } from '@crosswalk/platform';

/** The fellowships service's environment. Types are spelled out on every field: loadConfig converts strings by the emitted design types. */
export class FellowshipsConfig extends PlatformConfig {
  /** How often retention checkpoints that came due are recorded (0 turns the scheduled job off). Checkpoints are days: hourly is plenty. */
  @IsInt({ message: 'FELLOWSHIPS_RETENTION_INTERVAL_SECONDS must be an integer' })
  @Min(0, { message: 'FELLOWSHIPS_RETENTION_INTERVAL_SECONDS must be 0 or more' })
  FELLOWSHIPS_RETENTION_INTERVAL_SECONDS: number = 3600;
}

import { IsInt, Min } from 'class-validator';
import { PlatformConfig } from '@crosswalk/platform';

/**
 * The events service's environment. Types are spelled out on every field: loadConfig converts strings by the
 * emitted design types.
 */
export class EventsConfig extends PlatformConfig {
  /** How often open offers past their deadline are expired and passed on (0 turns the scheduled job off). */
  @IsInt({ message: 'EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS must be an integer' })
  @Min(0, { message: 'EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS must be 0 or more' })
  EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: number = 300;
}

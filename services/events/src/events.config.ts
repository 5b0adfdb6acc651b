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

  /** Sustained fetches per minute of one calendar subscription URL (per instance); calendar apps fetch about hourly. */
  @IsInt({ message: 'EVENTS_CALENDAR_FEED_PER_MINUTE must be an integer' })
  @Min(1, { message: 'EVENTS_CALENDAR_FEED_PER_MINUTE must be at least 1' })
  EVENTS_CALENDAR_FEED_PER_MINUTE: number = 30;

  /** Fetches of one subscription URL allowed at once after a quiet period. */
  @IsInt({ message: 'EVENTS_CALENDAR_FEED_BURST must be an integer' })
  @Min(1, { message: 'EVENTS_CALENDAR_FEED_BURST must be at least 1' })
  EVENTS_CALENDAR_FEED_BURST: number = 10;
}

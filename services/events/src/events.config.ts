import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { PlatformConfig } from '@crosswalk/platform';

/** How the connection to the mail server is secured: none (a local sink), STARTTLS on 587, or TLS from the start on 465. */
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * Signs offer links when EVENTS_OFFER_LINK_SECRET is not set: `npm start` and tests only. Deployments set their own
 * (deploy/k8s/secret.template.yaml), since anyone holding this one could accept or decline any offer.
 */
export const DEV_OFFER_LINK_SECRET = 'crosswalk-local-offer-links-not-for-production';

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

  /** How often notifications due are sent (0 turns the scheduled job off). */
  @IsInt({ message: 'EVENTS_NOTIFICATION_INTERVAL_SECONDS must be an integer' })
  @Min(0, { message: 'EVENTS_NOTIFICATION_INTERVAL_SECONDS must be 0 or more' })
  EVENTS_NOTIFICATION_INTERVAL_SECONDS: number = 10;

  /** The mail server notifications go out through (`npm start` points it at its local sink). */
  @IsString({ message: 'EVENTS_SMTP_HOST must be a host name' }) EVENTS_SMTP_HOST: string = '127.0.0.1';

  @IsInt({ message: 'EVENTS_SMTP_PORT must be an integer' })
  @Min(1, { message: 'EVENTS_SMTP_PORT must be between 1 and 65535' })
  @Max(65535, { message: 'EVENTS_SMTP_PORT must be between 1 and 65535' })
  EVENTS_SMTP_PORT: number = 2525;

  @IsIn(SMTP_SECURITY, { message: `EVENTS_SMTP_SECURITY must be one of ${SMTP_SECURITY.join(', ')}` })
  EVENTS_SMTP_SECURITY: SmtpSecurity = 'none';

  /** Login at the mail server; none when both are unset. */
  @IsOptional() @IsString() EVENTS_SMTP_USER?: string;
  @IsOptional() @IsString() EVENTS_SMTP_PASSWORD?: string;

  /** The From of every notification, e.g. `Crosswalk <events@network.example.org>`. */
  @IsString({ message: 'EVENTS_MAIL_FROM must be an address' }) EVENTS_MAIL_FROM: string = 'Crosswalk events <events@crosswalk.localhost>';

  /** Where people reach the public routes of the links in mail: the gateway's public URL. */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'EVENTS_LINK_BASE_URL must be an http(s) URL such as https://crosswalk.example.org' },
  )
  EVENTS_LINK_BASE_URL: string = 'http://127.0.0.1:8080';

  /** Signs the accept and decline links of offers. */
  @IsString({ message: 'EVENTS_OFFER_LINK_SECRET is required' })
  @MinLength(32, { message: 'EVENTS_OFFER_LINK_SECRET must be at least 32 characters' })
  EVENTS_OFFER_LINK_SECRET: string = DEV_OFFER_LINK_SECRET;
}

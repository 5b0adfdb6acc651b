import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FeedKind } from './calendar-feed.rules';

/**
 * A secret subscription URL to one feed, for calendar apps that cannot send a bearer token. Only the hash of
 * the secret is kept: the URL is shown once, when the subscription is made. Revoking keeps the row (who made
 * it, who revoked it, when), so the table is the record of who was given access to what.
 */
@Entity('event_calendar_subscription')
@Index('ux_event_calendar_subscription_secret', ['secretHash'], { unique: true })
@Index('ix_event_calendar_subscription_city', ['cityId'])
@Index('ix_event_calendar_subscription_person', ['personId'])
export class CalendarSubscription {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 10 }) feed!: FeedKind;
  /** The city whose feed it serves (city feeds). */
  @Column({ type: 'varchar', length: 36, nullable: true }) cityId!: string | null;
  /** The person whose feed it serves (person feeds). */
  @Column({ type: 'varchar', length: 36, nullable: true }) personId!: string | null;
  /** SHA-256 of the secret, hex. */
  @Column({ type: 'varchar', length: 64 }) secretHash!: string;
  /** The token subject that made it. */
  @Column({ type: 'varchar', length: 200 }) createdBy!: string;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, nullable: true }) revokedBy!: string | null;
  @Column({ type: 'datetime', precision: 3, nullable: true }) revokedAt!: Date | null;
}

/**
 * The cities a subscription's feed may show, a row each (see `subscriptionScope`): its city for a city feed,
 * its creator's cities for a person feed. A person feed without rows shows every city (its creator saw every
 * city).
 */
@Entity('event_calendar_subscription_city')
export class CalendarSubscriptionCity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) subscriptionId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) cityId!: string;
}

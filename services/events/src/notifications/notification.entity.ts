import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationKind, NotificationStatus } from './notification.rules';

/**
 * One email to one person about one registration, written once per event that calls for it (in the inbox
 * transaction of that event), then sent by the delivery job. Kept after sending: it is the record of what the
 * person was told.
 */
@Entity('event_notification')
@Index('ux_event_notification_source', ['sourceEventId', 'registrationId'], { unique: true })
@Index('ix_event_notification_due', ['status', 'nextAttemptAt'])
@Index('ix_event_notification_person', ['personId'])
@Index('ix_event_notification_event', ['eventId'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The id of the event record (envelope) it tells of: with the registration, what makes it unique. */
  @Column({ type: 'varchar', length: 36 }) sourceEventId!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: NotificationKind;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 36 }) registrationId!: string;
  /** The event's city: what the caller's scope is checked against. */
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  /** The address it goes to, as the directory knew it when the notification was written; null when it had none. */
  @Column({ type: 'varchar', length: 320, nullable: true }) toAddress!: string | null;
  @Column({ type: 'varchar', length: 300 }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 12 }) status!: NotificationStatus;
  /** Sends tried so far. */
  @Column({ type: 'int' }) attempts!: number;
  /** The last failed send's error, as the mail server or the connection gave it. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) lastError!: string | null;
  /** Why it is not sent at all (status skipped). */
  @Column({ type: 'varchar', length: 40, nullable: true }) skipReason!: string | null;
  /**
   * When the delivery job next takes it: due now when written, later after a failure (backoff), the end of the
   * lease while a send is under way; null once nothing more will be tried.
   */
  @Column({ type: 'datetime', precision: 3, nullable: true }) nextAttemptAt!: Date | null;
  /** When the event it tells of happened. */
  @Column({ type: 'datetime', precision: 3 }) occurredAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ type: 'datetime', precision: 3, nullable: true }) sentAt!: Date | null;
}

import type { EventAudience, EventFormat, EventKind, EventStatus, SchoolSector, WaitlistOrdering } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A professional-development event. Its row is also the lock every change of its seats takes (`forUpdate`),
 * so registrations, offers and their expiry of one event happen one after the other.
 */
@Entity('event_event')
@Index('ix_event_event_city', ['cityId', 'startsOn'])
@Index('ix_event_event_host', ['hostSchoolId'])
@Index('ix_event_event_series', ['seriesId', 'seriesPosition'])
export class NetworkEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: EventKind;
  /** The series this event is a session of (kind `series_session`); null for a stand-alone event. */
  @Column({ type: 'varchar', length: 36, nullable: true }) seriesId!: string | null;
  /** The session's place in its series, from 0, as the series was scheduled. */
  @Column({ type: 'int', nullable: true }) seriesPosition!: number | null;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) hostSchoolId!: string | null;
  /** The host school's sector when the event was scheduled (the contracts carry it on every record). */
  @Column({ type: 'varchar', length: 30, nullable: true }) hostSector!: SchoolSector | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) venue!: string | null;
  @Column({ type: 'datetime', precision: 3 }) startsAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) endsAt!: Date;
  @Column({ type: 'varchar', length: 64 }) timeZone!: string;
  /** The start's calendar day in `timeZone`: what the date filters of the list compare. */
  @Column({ type: 'date' }) startsOn!: string;
  /** Null: self-registration opens as soon as the event is scheduled. */
  @Column({ type: 'datetime', precision: 3, nullable: true }) registrationOpensAt!: Date | null;
  /** Null: self-registration stays open until the start. */
  @Column({ type: 'datetime', precision: 3, nullable: true }) registrationClosesAt!: Date | null;
  /** Null for no limit. */
  @Column({ type: 'int', nullable: true }) capacity!: number | null;
  @Column({ type: 'varchar', length: 20 }) waitlistOrdering!: WaitlistOrdering;
  @Column({ type: 'int' }) offerHours!: number;
  @Column({ type: 'double' }) creditHours!: number;
  @Column({ type: 'varchar', length: 30 }) audience!: EventAudience;
  @Column({ type: 'varchar', length: 20 }) format!: EventFormat;
  @Column({ type: 'varchar', length: 20 }) status!: EventStatus;
  /** Reschedules so far: the calendar's SEQUENCE. */
  @Column({ type: 'int' }) sequence!: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) cancelReason!: string | null;
  @Column({ type: 'datetime', precision: 3, nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'datetime', precision: 3, nullable: true }) closedAt!: Date | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

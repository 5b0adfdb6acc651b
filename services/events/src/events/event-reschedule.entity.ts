import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only: every reschedule of an event, with the times before and after it. */
@Entity('event_reschedule')
@Index('ix_event_reschedule_event', ['eventId', 'sequence'])
export class EventReschedule {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'int' }) sequence!: number;
  @Column({ type: 'datetime', precision: 3 }) previousStartsAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) previousEndsAt!: Date;
  @Column({ type: 'varchar', length: 64 }) previousTimeZone!: string;
  @Column({ type: 'datetime', precision: 3 }) startsAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) endsAt!: Date;
  @Column({ type: 'varchar', length: 64 }) timeZone!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

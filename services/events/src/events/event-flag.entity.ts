import type { EventFlagReason } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only: a directory fact about the host school that an operator should look at (a new principal, a
 * closure). `source` (the transition id, or the school id for a closure) makes one flag per fact and event
 * hold however often the fact is delivered or replayed.
 */
@Entity('event_flag')
@Index('ix_event_flag_reason', ['reason'])
export class EventFlag {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @PrimaryColumn({ type: 'varchar', length: 30 }) reason!: EventFlagReason;
  @PrimaryColumn({ type: 'varchar', length: 36 }) source!: string;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) transitionId!: string | null;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

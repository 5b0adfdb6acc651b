import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `completed` once completion was decided (the last session closed with at least one held); `cancelled` when
 * every session was cancelled, so there was nothing to complete.
 */
export const SERIES_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

/**
 * A multi-session series: its sessions are events (`NetworkEvent.seriesId`), its rule "attended at least N of
 * M". Its row is the lock the completion decision takes, so two sessions closing at once decide it once.
 */
@Entity('event_series')
@Index('ix_event_series_city', ['cityId'])
export class Series {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  /** N. M is the number of its sessions. */
  @Column({ type: 'int' }) requiredSessions!: number;
  @Column({ type: 'double' }) completionCreditHours!: number;
  @Column({ type: 'varchar', length: 20 }) status!: SeriesStatus;
  @Column({ type: 'datetime', precision: 3, nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

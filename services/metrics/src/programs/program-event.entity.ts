import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventStatus, SchoolSector } from '@crosswalk/contracts';

/**
 * One professional-development event (a stand-alone event or a series session) with the running totals of
 * its registrations, attendance and survey answers. The totals are kept per event rather than per city and
 * day: a reschedule then moves an event to its new day by changing `startsOn` alone, and a period report
 * adds up one row per event (about 80 registrations each) instead of reading every registration.
 */
@Entity('metrics_pd_event')
@Index('ix_metrics_pd_event_period', ['cityId', 'startsOn'])
@Index('ix_metrics_pd_event_series', ['seriesId'])
export class ProgramEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) seriesId!: string | null;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) hostSchoolId!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) hostSector!: SchoolSector | null;
  /** The start's calendar day in the event's time zone, as its latest record said: the day reports count it on. */
  @Column({ type: 'date' }) startsOn!: string;
  @Column({ type: 'varchar', length: 12 }) status!: EventStatus;
  /** Registrations not cancelled, declined or expired (see `participation.rules.ts`). */
  @Column({ type: 'int', default: 0 }) registrations!: number;
  /** Registrations whose attendance outcome is `attended`, corrections applied. */
  @Column({ type: 'int', default: 0 }) attendances!: number;
  /** Survey responses (each at its latest revision) and what satisfaction is computed from. */
  @Column({ type: 'int', default: 0 }) responses!: number;
  @Column({ type: 'int', default: 0 }) usefulnessTotal!: number;
  @Column({ type: 'int', default: 0 }) promoters!: number;
  @Column({ type: 'int', default: 0 }) detractors!: number;
}

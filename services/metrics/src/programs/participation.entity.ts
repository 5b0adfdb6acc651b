import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per attended registration (a correction to no_show deletes it), on its event's day. Distinct
 * people, schools and school leaders cannot be added up from daily totals, so they are counted here with
 * indexed reads:
 * - `ix_..._period` (city, day, person, school, leader) covers the distinct counts of a period, read from
 *   the index alone;
 * - `ix_..._person` and `ix_..._school` give each person's and school's first attendance in a city with one
 *   index dive per group (new versus repeat, never reached);
 * - `ix_..._event` finds an event's rows when a reschedule moves them to another day.
 * Keyed by registration rather than (city, person, day): the school and leadership of a person come from
 * each registration's own snapshot, and a correction removes exactly one attendance.
 */
@Entity('metrics_pd_participation')
@Index('ix_metrics_pd_participation_period', ['cityId', 'startsOn', 'personId', 'reachedSchoolId', 'schoolLeaderId'])
@Index('ix_metrics_pd_participation_person', ['cityId', 'personId', 'startsOn'])
@Index('ix_metrics_pd_participation_school', ['cityId', 'reachedSchoolId', 'startsOn'])
@Index('ix_metrics_pd_participation_event', ['eventId'])
export class Participation {
  @PrimaryColumn({ type: 'varchar', length: 36 }) registrationId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  /** The event's city. */
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  /** The event's day (moved with it). */
  @Column({ type: 'date' }) startsOn!: string;
  /** The attendee's school from the snapshot; null when unknown or when it is the event's host school. */
  @Column({ type: 'varchar', length: 36, nullable: true }) reachedSchoolId!: string | null;
  /** The attendee's id when the snapshot role is principal or chief, else null (so COUNT(DISTINCT) counts leaders). */
  @Column({ type: 'varchar', length: 36, nullable: true }) schoolLeaderId!: string | null;
}

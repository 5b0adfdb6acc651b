import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per attended registration (a correction to no_show deletes it), on its event's day, with the
 * integer keys of its city, person, reached school and (for principals and chiefs) leader. Distinct people,
 * schools and leaders of a period cannot be added up from daily totals, so they are counted from here:
 * - `ix_..._period` (city, day, person, school, leader) covers a period's distinct counts and per-school
 *   attendances from the index alone, one range per city;
 * - `ix_..._person` and `ix_..._school` find a subject's earliest day again when its first attendance goes
 *   (a correction, a reschedule; see `metrics_pd_first_attendance`);
 * - the event and registration indexes find the rows a reschedule moves and a correction removes.
 * Keyed by registration rather than (city, person, day): the school and leadership of a person come from each
 * registration's own snapshot, and a correction removes exactly one attendance. The primary key is a number
 * because every secondary index entry carries it.
 */
@Entity('metrics_pd_participation')
@Index('ix_metrics_pd_participation_period', ['cityKey', 'startsOn', 'personKey', 'schoolKey', 'leaderKey'])
@Index('ix_metrics_pd_participation_person', ['cityKey', 'personKey', 'startsOn'])
@Index('ix_metrics_pd_participation_school', ['cityKey', 'schoolKey', 'startsOn'])
@Index('ix_metrics_pd_participation_event', ['eventId'])
@Index('ux_metrics_pd_participation_registration', ['registrationId'], { unique: true })
export class Participation {
  @PrimaryGeneratedColumn('increment', { type: 'integer' }) participationId!: number;
  @Column({ type: 'varchar', length: 36 }) registrationId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  /** The event's city. */
  @Column({ type: 'integer' }) cityKey!: number;
  @Column({ type: 'integer' }) personKey!: number;
  /** The event's day (moved with it). */
  @Column({ type: 'date' }) startsOn!: string;
  /** The attendee's school from the snapshot; null when unknown or when it is the event's host school. */
  @Column({ type: 'integer', nullable: true }) schoolKey!: number | null;
  /** The person's key when the snapshot role is principal or chief, else null (so COUNT(DISTINCT) counts leaders). */
  @Column({ type: 'integer', nullable: true }) leaderKey!: number | null;
}

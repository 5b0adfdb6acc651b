import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each mentorship whose mentor departed, so a departure is tallied once however often its record comes. */
@Entity('metrics_fs_mentor_departure')
export class MentorDeparture {
  @PrimaryColumn({ type: 'varchar', length: 36 }) mentorshipId!: string;
  @Column({ type: 'varchar', length: 36 }) fellowId!: string;
  /** The cohort was active when the mentor left: only these are "mentor departures during cohorts". */
  @Column({ type: 'boolean' }) duringCohort!: boolean;
}

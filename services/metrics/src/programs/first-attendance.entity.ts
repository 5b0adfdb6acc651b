import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReachedKind = 'person' | 'school' | 'leader';

/**
 * Per city, each person, school and school leader ever reached there: the day of their first attendance and
 * how many attendances they have. Kept as attendances come and go, so "ever" questions never scan the
 * participation rows: all-time distinct counts are row counts, "new in the period" is a range of `firstOn`,
 * and a school's attendances over all time are `attendances`.
 */
@Entity('metrics_pd_first_attendance')
@Index('ix_metrics_pd_first_attendance_day', ['cityKey', 'subjectKind', 'firstOn'])
// Counts distinct subjects across all cities by skipping from one subject to the next (a loose index scan).
@Index('ix_metrics_pd_first_attendance_subject', ['subjectKind', 'subjectKey', 'firstOn'])
export class FirstAttendance {
  @PrimaryColumn({ type: 'integer' }) cityKey!: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) subjectKind!: ReachedKind;
  @PrimaryColumn({ type: 'integer' }) subjectKey!: number;
  @Column({ type: 'date' }) firstOn!: string;
  @Column({ type: 'integer' }) attendances!: number;
}

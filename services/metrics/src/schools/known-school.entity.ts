import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The directory's schools and their cities (from `schools.school.created`): the schools a city's programmes
 * could reach, against which "never reached" is counted. Closures are in `metrics_school_closure`.
 */
@Entity('metrics_known_school')
@Index('ix_metrics_known_school_city', ['cityId'])
export class KnownSchool {
  @PrimaryColumn({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A cohort, from its `fellowships.cohort.scheduled`: listed per cohort even before it has fellows. */
@Entity('metrics_fs_cohort')
@Index('ix_metrics_fs_cohort_program', ['programId'])
export class FellowshipCohort {
  @PrimaryColumn({ type: 'varchar', length: 36 }) cohortId!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
}

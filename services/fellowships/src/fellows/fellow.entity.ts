import type { FellowStage, SchoolSector } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person in a cohort. The origin columns are the directory's answer on `appliedOn`, frozen. `needsMentor` is
 * set when their mentor left the host school and cleared by a new assignment (or a final stage), so the
 * operator's "needs a new mentor" list is one indexed read.
 */
@Entity('fellowship_fellow')
@Index('ux_fellowship_fellow_cohort_person', ['cohortId', 'personId'], { unique: true })
@Index('ix_fellowship_fellow_program_person', ['programId', 'personId'])
@Index('ix_fellowship_fellow_cohort_mentor', ['cohortId', 'needsMentor'])
export class Fellow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 36 }) cohortId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 20 }) stage!: FellowStage;
  @Column({ type: 'date' }) appliedOn!: string;
  /** The effective date of the latest stage: the next one may not be earlier. */
  @Column({ type: 'date' }) stageEffectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) originSchoolId!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) originSector!: SchoolSector | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) originCityId!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) originRole!: string | null;
  @Column({ type: 'boolean' }) needsMentor!: boolean;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

/** Append-only: every stage a fellow entered, its effective date and reason. */
@Entity('fellowship_stage_change')
@Index('ix_fellowship_stage_change_fellow', ['fellowId', 'seq'])
export class StageChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) fellowId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStage!: FellowStage | null;
  @Column({ type: 'varchar', length: 20 }) toStage!: FellowStage;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

/** Where a fellow stands on one requirement of their program (absent: not recorded yet). */
@Entity('fellowship_requirement_check')
export class RequirementCheck {
  @PrimaryColumn({ type: 'varchar', length: 36 }) fellowId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) requirementId!: string;
  @Column({ type: 'boolean' }) met!: boolean;
  @Column({ type: 'date' }) recordedOn!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

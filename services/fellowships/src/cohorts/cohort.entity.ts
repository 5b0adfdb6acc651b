import type { CohortCancellationCause, CohortStatus, HostSiteStatus } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('fellowship_cohort')
@Index('ix_fellowship_cohort_program', ['programId', 'status'])
export class Cohort {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'date' }) startsOn!: string;
  @Column({ type: 'date' }) endsOn!: string;
  @Column({ type: 'varchar', length: 20 }) status!: CohortStatus;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

/** Append-only: every status a cohort took, on which day, and why. */
@Entity('fellowship_cohort_status_change')
@Index('ix_fellowship_cohort_status_change_cohort', ['cohortId', 'seq'])
export class CohortStatusChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cohortId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStatus!: CohortStatus | null;
  @Column({ type: 'varchar', length: 20 }) toStatus!: CohortStatus;
  @Column({ type: 'date' }) effectiveDate!: string;
  /** Set on a cancellation. */
  @Column({ type: 'varchar', length: 30, nullable: true }) cause!: CohortCancellationCause | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

/**
 * A host (training) school of a cohort. `confirmedPrincipalPersonId` is the principal who stands behind it (the
 * principal when the cohort was scheduled, then whoever confirmed); a change of principal makes it wait
 * (`awaiting_confirmation`) for the new one, with the transition that asked.
 */
@Entity('fellowship_host_school')
@Index('ix_fellowship_host_school_school', ['schoolId'])
export class HostSchool {
  @PrimaryColumn({ type: 'varchar', length: 36 }) cohortId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'varchar', length: 30 }) status!: HostSiteStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) confirmedPrincipalPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingOutgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingIncomingPersonId!: string | null;
  @Column({ type: 'date', nullable: true }) pendingEffectiveDate!: string | null;
}

/** A mentor named for a host school when the cohort was scheduled. */
@Entity('fellowship_host_school_mentor')
export class HostSchoolMentor {
  @PrimaryColumn({ type: 'varchar', length: 36 }) cohortId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) schoolId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId!: string;
}

/** Append-only: every status a host site took (scheduled, confirmation requested, confirmed). */
@Entity('fellowship_host_site_change')
@Index('ix_fellowship_host_site_change_site', ['cohortId', 'schoolId', 'seq'])
export class HostSiteChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cohortId!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 30 }) status!: HostSiteStatus;
  /** The principal transition that asked for confirmation, or that a confirmation answered. */
  @Column({ type: 'varchar', length: 36, nullable: true }) transitionId!: string | null;
  /** The principal when scheduled, the new principal asked, or the one who confirmed. */
  @Column({ type: 'varchar', length: 36, nullable: true }) personId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

import type { PartnershipStatus, StatusCause } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only: every status a partnership took, and why. */
@Entity('colocation_status_change')
@Index('ix_colocation_status_change_partnership', ['partnershipId', 'seq'])
export class StatusChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) partnershipId!: string;
  /** Orders the changes of one partnership (recordedAt can tie within a millisecond). */
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) fromStatus!: PartnershipStatus | null;
  @Column({ type: 'varchar', length: 30 }) toStatus!: PartnershipStatus;
  @Column({ type: 'varchar', length: 30 }) cause!: StatusCause;
  @Column({ type: 'varchar', length: 36, nullable: true }) schoolId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) transitionId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

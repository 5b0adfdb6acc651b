import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PartnershipStatus, StatusCause } from '@crosswalk/contracts';

/** A partnership reaching lapsed, dissolved or ended (one row per status-change event). */
@Entity('metrics_partnership_ending')
@Index('ix_metrics_ending_city', ['cityId'])
export class PartnershipEndingFact {
  /** The status-change event's id. */
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 36 }) partnershipId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 30 }) status!: PartnershipStatus;
  @Column({ type: 'varchar', length: 30 }) cause!: StatusCause;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

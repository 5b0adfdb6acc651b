import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A leadership transition a partnership faced: its new principal was asked to recommit. */
@Entity('metrics_recommitment_request')
@Index('ix_metrics_request_city', ['cityId'])
export class RecommitmentRequestFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) partnershipId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) transitionId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'date' }) dueBy!: string;
  /** The event's occurredAt: what happened to the partnership after this instant resolves the request. */
  @Column({ type: 'datetime', precision: 3 }) requestedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Append-only: each leadership transition a partnership was asked to answer. The key makes "one request per
 * partnership and transition" hold however often the transition is delivered or replayed.
 */
@Entity('colocation_recommitment_request')
export class RecommitmentRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 }) partnershipId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) transitionId!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'date' }) dueBy!: string;
  @Column({ type: 'datetime', precision: 3 }) requestedAt!: Date;
}

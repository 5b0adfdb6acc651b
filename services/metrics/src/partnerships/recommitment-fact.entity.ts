import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A new principal's recommitment, answering the request of `transitionId`. */
@Entity('metrics_partnership_recommitment')
@Index('ix_metrics_recommitment_city', ['cityId'])
export class RecommitmentFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) partnershipId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) transitionId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'date' }) recommittedOn!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

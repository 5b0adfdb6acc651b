import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A member school of a partnership, with the recommitment its new principal owes, if any. */
@Entity('colocation_partnership_member')
@Index('ix_colocation_member_school', ['schoolId'])
export class PartnershipMember {
  @PrimaryColumn({ type: 'varchar', length: 36 }) partnershipId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingTransitionId!: string | null;
  @Column({ type: 'date', nullable: true }) pendingEffectiveDate!: string | null;
  @Column({ type: 'date', nullable: true }) pendingDueBy!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingOutgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) pendingIncomingPersonId!: string | null;
}

import type { Commitment, PartnershipStatus } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('colocation_partnership')
@Index('ix_colocation_partnership_city', ['cityId', 'status'])
export class Partnership {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) siteId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 30 }) status!: PartnershipStatus;
  @Column({ type: 'date' }) startedOn!: string;
  @Column({ type: 'date', nullable: true }) endedOn!: string | null;
  @Column({ type: 'simple-json' }) commitments!: Commitment[];
  @Column({ type: 'text', nullable: true }) otherCommitments!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

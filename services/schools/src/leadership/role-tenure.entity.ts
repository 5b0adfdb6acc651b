import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HolderKind } from '@crosswalk/contracts';

/** Person P held role R at school or organization X from startDate to endDate (null = current). */
@Entity('role_tenure')
@Index('ix_tenure_holder', ['holderKind', 'holderId', 'role', 'startDate'])
export class RoleTenure {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_tenure_person') @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'varchar', length: 20 }) holderKind!: HolderKind;
  @Column({ type: 'varchar', length: 36 }) holderId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  /** Business dates `YYYY-MM-DD`, inclusive. */
  @Column({ type: 'date' }) startDate!: string;
  @Column({ type: 'date', nullable: true }) endDate!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) startedByTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) endedByTransitionId!: string | null;
  /** Set when a correction replaced this tenure; it stays readable but no longer counts. */
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededByTransitionId!: string | null;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

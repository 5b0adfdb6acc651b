import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HolderKind } from '@crosswalk/contracts';

/** One recorded change of a role's holder. Never updated except to mark it superseded by a correction. */
@Entity('leadership_transition')
@Index('ix_transition_holder', ['holderKind', 'holderId', 'role', 'effectiveDate'])
export class LeadershipTransition {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) holderKind!: HolderKind;
  @Column({ type: 'varchar', length: 36 }) holderId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) outgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) incomingPersonId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) endedTenureId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) startedTenureId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededByTransitionId!: string | null;
  /** Token subject who recorded it. */
  @Column({ type: 'varchar', length: 120 }) recordedBy!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

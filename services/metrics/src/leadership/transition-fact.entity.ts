import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HolderKind } from '@crosswalk/contracts';

/**
 * Every leadership transition as the directory announced it, corrections included. Facts only: which
 * transitions count (not superseded) and what they add up to is decided when a metric is read, so the
 * order in which transitions, corrections and other topics' events arrive does not matter.
 */
@Entity('metrics_leadership_transition')
@Index('ix_metrics_transition_city', ['cityId', 'holderKind', 'role'])
@Index('ix_metrics_transition_holder', ['holderKind', 'holderId', 'role'])
export class TransitionFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) transitionId!: string;
  @Column({ type: 'varchar', length: 20 }) holderKind!: HolderKind;
  @Column({ type: 'varchar', length: 36 }) holderId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) outgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) incomingPersonId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesTransitionId!: string | null;
  /** The event's occurredAt: orders two transitions of one role on the same day. */
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

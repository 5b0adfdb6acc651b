import type { HolderKind } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A leadership transition (any role, at a school or an organization) as learned from schools.leadership.v1.
 * Kept whole rather than as "current holders" so a snapshot can be read as of a day, and a correction
 * (`supersededBy`) replaces the original's effect whatever order the two were applied in.
 */
@Entity('event_role_transition')
@Index('ix_event_role_transition_incoming', ['incomingPersonId'])
@Index('ix_event_role_transition_holder', ['holderId', 'role'])
export class RoleTransition {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) holderKind!: HolderKind;
  @Column({ type: 'varchar', length: 36 }) holderId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) outgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) incomingPersonId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededBy!: string | null;
  /** The event's occurredAt: orders two transitions on one day as they were recorded. */
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

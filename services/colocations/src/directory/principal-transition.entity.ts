import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A principal transition at a school as learned from schools.leadership.v1. The current principal is the
 * incoming person of the latest transition not superseded by a correction, so a correction replaces the
 * original's effect whatever order the two were applied in.
 */
@Entity('colocation_principal_transition')
@Index('ix_colocation_principal_school', ['schoolId'])
export class PrincipalTransition {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) outgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) incomingPersonId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededBy!: string | null;
  /** The event's occurredAt: orders two transitions on one day as they were recorded. */
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

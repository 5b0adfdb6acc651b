import type { PlacementEndCause, RetentionOutcome, RetentionYear, SchoolSector } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A fellow's placement: the school, role and start date the operator typed, with the site's sector and city as
 * the directory copy knew them then (frozen, like a fellow's origin). The rest follows the directory: the
 * confirming tenure (`transitionId`, `tenureStartedOn`), and how it ended. `nextCheckpointOn` is the next
 * retention checkpoint not recorded yet (null after the third), so the scheduled job's work is one indexed read.
 */
@Entity('fellowship_placement')
@Index('ix_fellowship_placement_fellow', ['fellowId', 'startsOn'])
@Index('ix_fellowship_placement_school', ['schoolId', 'role'])
@Index('ix_fellowship_placement_checkpoint', ['nextCheckpointOn'])
export class Placement {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) fellowId!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 30 }) sector!: SchoolSector;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'date' }) startsOn!: string;
  /** The transition that started the matching tenure; null until the directory has one (not confirmed). */
  @Column({ type: 'varchar', length: 36, nullable: true }) transitionId!: string | null;
  @Column({ type: 'date', nullable: true }) tenureStartedOn!: string | null;
  /** The placement's last day, once it ended. */
  @Column({ type: 'date', nullable: true }) endedOn!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) endCause!: PlacementEndCause | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) endTransitionId!: string | null;
  @Column({ type: 'date', nullable: true }) nextCheckpointOn!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

/** A recorded retention checkpoint: its latest answer and revision (each revision was published). */
@Entity('fellowship_retention_checkpoint')
export class RetentionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 36 }) placementId!: string;
  @PrimaryColumn({ type: 'int' }) year!: RetentionYear;
  @Column({ type: 'date' }) checkpointOn!: string;
  @Column({ type: 'varchar', length: 20 }) outcome!: RetentionOutcome;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

/**
 * A directory event (a transition at a school, a closure) the placements have been brought in line with, by its
 * event id. The placements are this service's own records and a replay rebuilds only the copy: an event
 * listed here changes nothing when replayed, so no placement is moved by a copy rebuilt only halfway.
 */
@Entity('fellowship_placement_basis')
export class PlacementBasis {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'datetime', precision: 3 }) appliedAt!: Date;
}

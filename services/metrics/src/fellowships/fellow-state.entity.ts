import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FellowStage } from '@crosswalk/contracts';
import type { OriginSector } from './fellowship.rules';

/**
 * Each fellow's standing: what their next record changes the tally from (see `fellowship.rules.ts`). The
 * cohort and origin sector are the fellow's first record's, and stay (the origin is a frozen snapshot).
 */
@Entity('metrics_fs_fellow')
export class FellowState {
  @PrimaryColumn({ type: 'varchar', length: 36 }) fellowId!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 36 }) cohortId!: string;
  @Column({ type: 'varchar', length: 20 }) originSector!: OriginSector;
  @Column({ type: 'varchar', length: 16, nullable: true }) stage!: FellowStage | null;
  @Column({ type: 'boolean', default: false }) enrolled!: boolean;
  @Column({ type: 'int', default: 0 }) placements!: number;
  @Column({ type: 'int', default: 0 }) confirmedPlacements!: number;
}

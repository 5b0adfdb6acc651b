import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SchoolSector } from '@crosswalk/contracts';
import type { OriginSector } from './fellowship.rules';

/** Placements per program and cohort by the fellow's origin sector and the placement school's sector. */
@Entity('metrics_fs_flow')
export class PlacementFlow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) cohortId!: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) originSector!: OriginSector;
  @PrimaryColumn({ type: 'varchar', length: 20 }) placementSector!: SchoolSector;
  @Column({ type: 'int', default: 0 }) placements!: number;
  @Column({ type: 'int', default: 0 }) confirmedPlacements!: number;
}

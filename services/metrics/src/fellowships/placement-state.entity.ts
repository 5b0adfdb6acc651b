import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RetentionOutcome, SchoolSector } from '@crosswalk/contracts';

/**
 * Each placement: whether it is confirmed, and the outcome and revision of each checkpoint counted (null: no
 * checkpoint yet), so a higher revision replaces exactly what the earlier one added and a lower one is ignored.
 */
@Entity('metrics_fs_placement')
export class PlacementState {
  @PrimaryColumn({ type: 'varchar', length: 36 }) placementId!: string;
  @Column({ type: 'varchar', length: 36 }) fellowId!: string;
  @Column({ type: 'varchar', length: 20 }) placementSector!: SchoolSector;
  @Column({ type: 'boolean', default: false }) confirmed!: boolean;
  @Column({ type: 'varchar', length: 8, nullable: true }) outcome1y!: RetentionOutcome | null;
  @Column({ type: 'int', default: 0 }) revision1y!: number;
  @Column({ type: 'varchar', length: 8, nullable: true }) outcome2y!: RetentionOutcome | null;
  @Column({ type: 'int', default: 0 }) revision2y!: number;
  @Column({ type: 'varchar', length: 8, nullable: true }) outcome3y!: RetentionOutcome | null;
  @Column({ type: 'int', default: 0 }) revision3y!: number;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OriginSector } from './fellowship.rules';

/**
 * Running totals per program, cohort and the fellows' origin sector, kept by the handlers: a report adds up a
 * few rows per program rather than reading every fellow. Fellows (applied … placedConfirmed) count once each;
 * placements, confirmations and checkpoints once per placement; mentor departures once per mentorship.
 */
@Entity('metrics_fs_tally')
export class FellowshipTally {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) cohortId!: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) originSector!: OriginSector;
  @Column({ type: 'int', default: 0 }) applied!: number;
  @Column({ type: 'int', default: 0 }) enrolled!: number;
  @Column({ type: 'int', default: 0 }) completed!: number;
  @Column({ type: 'int', default: 0 }) withdrawn!: number;
  @Column({ type: 'int', default: 0 }) notCompleted!: number;
  @Column({ type: 'int', default: 0 }) placed!: number;
  @Column({ type: 'int', default: 0 }) placedConfirmed!: number;
  @Column({ type: 'int', default: 0 }) placements!: number;
  @Column({ type: 'int', default: 0 }) confirmedPlacements!: number;
  @Column({ type: 'int', default: 0 }) retained1y!: number;
  @Column({ type: 'int', default: 0 }) left1y!: number;
  @Column({ type: 'int', default: 0 }) retained2y!: number;
  @Column({ type: 'int', default: 0 }) left2y!: number;
  @Column({ type: 'int', default: 0 }) retained3y!: number;
  @Column({ type: 'int', default: 0 }) left3y!: number;
  @Column({ type: 'int', default: 0 }) mentorDepartures!: number;
}

/** The tallied columns (everything but the key). */
export const TALLY_FIGURES = [
  'applied',
  'enrolled',
  'completed',
  'withdrawn',
  'notCompleted',
  'placed',
  'placedConfirmed',
  'placements',
  'confirmedPlacements',
  'retained1y',
  'left1y',
  'retained2y',
  'left2y',
  'retained3y',
  'left3y',
  'mentorDepartures',
] as const satisfies readonly (keyof FellowshipTally)[];
export type TallyFigure = (typeof TALLY_FIGURES)[number];

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A multi-session series as scheduled, and once its last session closed, what its participants achieved. */
@Entity('metrics_pd_series')
@Index('ix_metrics_pd_series_city', ['cityId'])
export class ProgramSeries {
  @PrimaryColumn({ type: 'varchar', length: 36 }) seriesId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  /** M: sessions scheduled. */
  @Column({ type: 'int' }) sessions!: number;
  /** N in "attended at least N of M sessions". */
  @Column({ type: 'int' }) requiredSessions!: number;
  /** When the last session closed; null until then (and so are the outcome columns). */
  @Column({ type: 'datetime', precision: 3, nullable: true }) completedAt!: Date | null;
  @Column({ type: 'int', nullable: true }) participants!: number | null;
  @Column({ type: 'int', nullable: true }) completed!: number | null;
  /** Session and completion credit earned by all participants together. */
  @Column({ type: 'double', nullable: true }) creditHours!: number | null;
}

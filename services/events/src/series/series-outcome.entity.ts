import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One participant's result in a decided series: written once, when the series' last session ends. */
@Entity('event_series_outcome')
@Index('ix_event_series_outcome_person', ['personId'])
export class SeriesOutcome {
  @PrimaryColumn({ type: 'varchar', length: 36 }) seriesId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId!: string;
  /** The series' city: what a transcript reader's scope is checked against. */
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'int' }) sessionsAttended!: number;
  @Column({ type: 'boolean' }) completed!: boolean;
  @Column({ type: 'double' }) sessionCreditHours!: number;
  @Column({ type: 'double' }) completionCreditHours!: number;
  @Column({ type: 'datetime', precision: 3 }) decidedAt!: Date;
}

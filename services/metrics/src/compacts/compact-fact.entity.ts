import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signed compact, from `schools.compact.signed`. */
@Entity('metrics_compact')
export class CompactFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) compactId!: string;
  @Index('ix_metrics_compact_city') @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'date' }) signedOn!: string;
}

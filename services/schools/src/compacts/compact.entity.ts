import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('compact')
export class Compact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_compact_city') @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'date' }) signedOn!: string;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

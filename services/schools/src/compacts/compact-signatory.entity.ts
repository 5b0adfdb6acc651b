import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One organization's signature on a compact, with the role its signer held that day. */
@Entity('compact_signatory')
@Unique('uq_compact_signatory_org', ['compactId', 'organizationId'])
export class CompactSignatory {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_signatory_compact') @Column({ type: 'varchar', length: 36 }) compactId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) roleAtSigning!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) tenureId!: string | null;
  @Column({ type: 'date' }) signedOn!: string;
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One organization's signature on a compact (first signatories and later ones alike), with the role its
 * signer held that day. Whether the signer is still in post is read from the transitions when asked.
 */
@Entity('metrics_compact_signature')
@Index('ix_metrics_signature_compact', ['compactId'])
@Index('ix_metrics_signature_city', ['cityId'])
export class SignatureFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) signatoryId!: string;
  @Column({ type: 'varchar', length: 36 }) compactId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) roleAtSigning!: string | null;
  @Column({ type: 'date' }) signedOn!: string;
}

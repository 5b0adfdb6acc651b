import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrganizationKind } from '@crosswalk/contracts';

@Entity('organization')
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_organization_city') @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: OrganizationKind;
  /** Unique when present (MySQL and SQLite both allow many NULLs under a unique index). */
  @Index('uq_organization_nces_lea', { unique: true }) @Column({ type: 'varchar', length: 7, nullable: true }) ncesLeaId!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) updatedAt!: Date;
}

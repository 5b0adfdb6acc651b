import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SchoolSector } from '@crosswalk/contracts';
import { NAME_KEY_LENGTH } from '@crosswalk/persistence';

export type SchoolStatus = 'open' | 'closed';

@Entity('school')
// The natural key: one school of a name in a city (see nameKeyOf); NCES ids are unique on their own.
@Index('uq_school_city_name', ['cityId', 'nameKey'], { unique: true })
export class School {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_school_city') @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: NAME_KEY_LENGTH }) nameKey!: string;
  @Column({ type: 'varchar', length: 20 }) sector!: SchoolSector;
  @Index('ix_school_organization') @Column({ type: 'varchar', length: 36, nullable: true }) organizationId!: string | null;
  @Index('uq_school_nces', { unique: true }) @Column({ type: 'varchar', length: 12, nullable: true }) ncesId!: string | null;
  @Column({ type: 'varchar', length: 10 }) status!: SchoolStatus;
  /** A day (`YYYY-MM-DD`), not an instant. */
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) updatedAt!: Date;
}

import type { SchoolSector } from '@crosswalk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The schools service's school as learned from schools.directory.v1 (never read from its tables). */
@Entity('event_known_school')
export class KnownSchool {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 30 }) sector!: SchoolSector;
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
}

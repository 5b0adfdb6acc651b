import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's name as learned from schools.directory.v1, to show champions by name. */
@Entity('colocation_known_person')
export class KnownPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) fullName!: string;
}

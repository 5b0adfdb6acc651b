import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person of the directory, so a registration names someone the directory knows. No contact data is kept. */
@Entity('event_known_person')
export class KnownPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) fullName!: string;
}

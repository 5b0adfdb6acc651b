import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person's address for mail, learnt from the restricted contacts topic and kept apart from the directory copy
 * (which every service shares and which holds no contact data). Part of the `events` consumer's projection: a
 * replay empties it and the contacts topic fills it again.
 */
@Entity('event_person_contact')
export class PersonContact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
}

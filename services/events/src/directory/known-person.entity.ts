import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person of the directory, so a registration names someone the directory knows. The address is what
 * notifications are sent to; it is read in one place only (`notifications/recipients.ts`).
 */
@Entity('event_known_person')
export class KnownPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) fullName!: string;
  /** Null for people the copy learnt before it kept addresses, until a replay of the directory. */
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
}

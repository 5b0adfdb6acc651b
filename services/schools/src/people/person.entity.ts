import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity('person')
@Unique('uq_person_email', ['emailKey'])
export class Person {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) fullName!: string;
  /** As given, for display. */
  @Column({ type: 'varchar', length: 254 }) email!: string;
  /** Lower-cased: emails are unique case-insensitively whatever the database collation. */
  @Column({ type: 'varchar', length: 254 }) emailKey!: string;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) updatedAt!: Date;
}

import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity('city')
@Unique('uq_city_name_state', ['name', 'state'])
export class City {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;

  /** IANA name (`America/Denver`); null when the directory has none. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  // Set by the use case, not a database default, so MySQL and SQLite behave alike.
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}

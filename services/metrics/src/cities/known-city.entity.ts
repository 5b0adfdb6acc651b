import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The metrics service's own copy of the directory's cities, built from `schools.city.created` and `schools.city.updated`. */
@Entity('known_city')
export class KnownCity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;

  /** When the city joined, from the event (never "now": replays must give the same rows). */
  @Column({ type: 'datetime', precision: 3 })
  joinedAt!: Date;
}

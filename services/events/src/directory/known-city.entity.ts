import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A city of the directory as learned from schools.directory.v1, to check the `cityId` of an event. */
@Entity('event_known_city')
export class KnownCity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 2 }) state!: string;
}

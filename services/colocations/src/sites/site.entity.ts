import { NAME_KEY_LENGTH } from '@crosswalk/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A building or campus that hosts colocated schools. */
@Entity('colocation_site')
@Index('ix_colocation_site_city', ['cityId'])
// The natural key: one site of a name (compared as nameKeyOf does) in a city.
@Index('uq_colocation_site_city_name', ['cityId', 'nameKey'], { unique: true })
export class Site {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: NAME_KEY_LENGTH }) nameKey!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) address!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

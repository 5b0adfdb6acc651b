import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A building or campus that hosts colocated schools. */
@Entity('colocation_site')
@Index('ix_colocation_site_city', ['cityId'])
export class Site {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) address!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A title of up to 300 characters, and room for a key a migration kept apart (`<key>#<id>`). */
export const TITLE_KEY_LENGTH = 340;

@Entity('compact')
// The natural key: a city signs one compact of a title on a day (a renewal under the same title is signed on another).
@Index('uq_compact_city_title_signed', ['cityId', 'titleKey', 'signedOn'], { unique: true })
export class Compact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('ix_compact_city') @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'varchar', length: TITLE_KEY_LENGTH }) titleKey!: string;
  @Column({ type: 'date' }) signedOn!: string;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

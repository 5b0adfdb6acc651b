import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SubjectKind = 'city' | 'person' | 'school';

/**
 * A compact integer key for each city, person and school the participation rows mention. Distinct counts
 * scan index entries; integer keys make an entry about 30 bytes instead of about 190 with string ids, so a
 * year of a large network's attendances stays in memory and compares as numbers, not as collated strings.
 * Keys are internal: no answer shows one, so a replay may number them differently.
 */
@Entity('metrics_pd_subject')
@Index('ux_metrics_pd_subject', ['kind', 'externalId'], { unique: true })
export class Subject {
  @PrimaryGeneratedColumn('increment', { type: 'integer' }) subjectKey!: number;
  @Column({ type: 'varchar', length: 8 }) kind!: SubjectKind;
  @Column({ type: 'varchar', length: 36 }) externalId!: string;
}

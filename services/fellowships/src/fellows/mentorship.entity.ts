import type { MentorshipEndCause, MentorshipStatus } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A mentor for a fellow at a host school. A reassignment ends the previous row and adds one: history is kept. */
@Entity('fellowship_mentorship')
@Index('ix_fellowship_mentorship_fellow', ['fellowId', 'startsOn'])
@Index('ix_fellowship_mentorship_mentor', ['mentorPersonId', 'hostSchoolId', 'status'])
export class Mentorship {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) fellowId!: string;
  @Column({ type: 'varchar', length: 36 }) mentorPersonId!: string;
  @Column({ type: 'varchar', length: 36 }) hostSchoolId!: string;
  @Column({ type: 'date' }) startsOn!: string;
  @Column({ type: 'date', nullable: true }) endsOn!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: MentorshipStatus;
  @Column({ type: 'varchar', length: 30, nullable: true }) endCause!: MentorshipEndCause | null;
  /** The transition that took the mentor out of the host school (null for a closure). */
  @Column({ type: 'varchar', length: 36, nullable: true }) departureTransitionId!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

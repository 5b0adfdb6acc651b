import type { RegistrationStatus } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Why a registration changed status. */
export type RegistrationChangeCause =
  | 'registered'
  | 'waitlisted'
  | 'offered'
  | 'accepted'
  | 'declined'
  | 'offer_expired'
  | 'withdrawn'
  | 'event_cancelled'
  | 'session_closed'
  | 'checked_in'
  | 'attendance_corrected';

/** Append-only: every status a registration took, and why. */
@Entity('event_registration_change')
@Index('ix_event_registration_change_registration', ['registrationId', 'seq'])
export class RegistrationChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) registrationId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  /** Orders the changes of one registration (two can share a millisecond). */
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStatus!: RegistrationStatus | null;
  @Column({ type: 'varchar', length: 20 }) toStatus!: RegistrationStatus;
  @Column({ type: 'varchar', length: 20 }) cause!: RegistrationChangeCause;
  /** Why, when someone said (an attendance correction's reason). */
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
}

import type { RegistrationStatus, SchoolSector } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's registration for an event, with who they were that day (the snapshot, never rewritten). */
@Entity('event_registration')
@Index('ix_event_registration_event', ['eventId', 'status'])
@Index('ix_event_registration_person', ['eventId', 'personId'])
@Index('ix_event_registration_offer', ['status', 'offerExpiresAt'])
@Index('ix_event_registration_person_status', ['personId', 'status'])
export class Registration {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  /** The event's city: what the caller's scope is checked against. */
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  /** Set when the person registered for the whole series (one registration per session). */
  @Column({ type: 'varchar', length: 36, nullable: true }) seriesId!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: RegistrationStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) snapshotSchoolId!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) snapshotSector!: SchoolSector | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) snapshotCityId!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) snapshotRole!: string | null;
  @Column({ type: 'datetime', precision: 3 }) registeredAt!: Date;
  @Column({ type: 'datetime', precision: 3, nullable: true }) offeredAt!: Date | null;
  @Column({ type: 'datetime', precision: 3, nullable: true }) offerExpiresAt!: Date | null;
}

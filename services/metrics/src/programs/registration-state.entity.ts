import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegistrationStatus } from '@crosswalk/contracts';

/**
 * The latest status of each registration: what its next record changes the event's totals from (a
 * cancellation takes back exactly what the registration had added, a correction what the outcome had added).
 */
@Entity('metrics_pd_registration')
export class RegistrationState {
  @PrimaryColumn({ type: 'varchar', length: 36 }) registrationId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 12 }) status!: RegistrationStatus;
}

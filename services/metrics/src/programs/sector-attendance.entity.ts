import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendeeSector } from './participation.rules';

/** An event's attendances by the sector of the attendee's school (from their snapshot): the cross-sector mix. */
@Entity('metrics_pd_sector_attendance')
export class SectorAttendance {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) attendeeSector!: AttendeeSector;
  @Column({ type: 'int', default: 0 }) attendances!: number;
}

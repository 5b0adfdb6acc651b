import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person of the directory who leads an event, in the order the event was scheduled with. */
@Entity('event_facilitator')
@Index('ix_event_facilitator_person', ['personId'])
export class EventFacilitator {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'int' }) position!: number;
}

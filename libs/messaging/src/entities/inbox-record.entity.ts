import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * "Consumer C has applied event E". Inserted in the same transaction as the handler's effects, so the
 * primary key turns a redelivered event into a duplicate-key error instead of a second application
 * (eventuate-tram's dedupe table).
 */
@Entity({ name: 'messaging_inbox' })
export class InboxRecord {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  consumer!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 191 })
  eventType!: string;

  @Column({ type: 'varchar', length: 249 })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  /** Kafka offsets are 64-bit: kept as text so no driver rounds them. */
  @Column({ type: 'varchar', length: 20 })
  offset!: string;

  /** The event's own time: a replay "from" a date deletes only the rows of events from then on. */
  @Column({ type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  appliedAt!: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent';

/**
 * One event waiting for (or done with) publication. Rows are written in the use case's own transaction,
 * so an event exists if and only if the state change that caused it committed (the outbox pattern).
 *
 * Rows are kept after they are sent: the cluster keeps nothing on disk, so the outbox is the durable
 * record of everything this service published.
 */
@Entity({ name: 'messaging_outbox' })
// The relay scans pending rows in `seq` order; the lag gauges read the oldest pending row the same way.
@Index('IDX_messaging_outbox_status_seq', ['status', 'seq'])
// Several relays may run at once (one per replica): before publishing a claimed row a relay checks that
// no older row of the same aggregate is still pending elsewhere, which needs this lookup.
@Index('IDX_messaging_outbox_key_status', ['key', 'status'])
@Unique('UQ_messaging_outbox_id', ['id'])
export class OutboxRecord {
  /**
   * Insertion order. Per-aggregate ordering follows it rather than `createdAt`: two rows written in one
   * millisecond, or by replicas whose clocks disagree, still come out in the order they were written.
   * BIGINT arrives from mysql2 as a string (no precision lost) and from SQLite as a number: compare with BigInt().
   */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string | number;

  /** The event id (the envelope's `id`). */
  @Column({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 249 })
  topic!: string;

  /** The aggregate id, used as the Kafka record key. */
  @Column({ type: 'varchar', length: 191 })
  key!: string;

  @Column({ type: 'varchar', length: 191 })
  type!: string;

  @Column({ type: 'int' })
  version!: number;

  /** The envelope exactly as it is published (JSON text). */
  @Column({ type: 'text' })
  envelope!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  /** Publication attempts, failed ones included. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When the relay sent the row's batch; committed only after the brokers acknowledged it. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;
}

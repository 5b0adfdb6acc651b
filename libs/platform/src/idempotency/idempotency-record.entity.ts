import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a POST sent with an `Idempotency-Key`, per caller: a retry with the same key and body
 * gets it again. In every service's own database, beside the outbox.
 */
@Entity('platform_idempotency')
@Index('IDX_platform_idempotency_createdAt', ['createdAt'])
export class IdempotencyRecord {
  /** The token's subject: one caller's keys never collide with another's. */
  @PrimaryColumn({ type: 'varchar', length: 191 }) caller!: string;
  @PrimaryColumn({ type: 'varchar', length: 128 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 64 }) fingerprint!: string;
  @Column({ type: 'varchar', length: 16 }) state!: 'pending' | 'completed';
  @Column({ type: 'int', nullable: true }) responseStatus!: number | null;
  /** The JSON body as sent. */
  @Column({ type: 'text', nullable: true }) responseBody!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) responseLocation!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

// The outbox statements of a relay round on MySQL/MariaDB, as plain SQL: they run every round, and the
// query builder's work showed in profiles. Also the portable note a failed round leaves on its rows.
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRecord } from '../entities/outbox-record.entity';
import { messageOf } from '../event-parsing';
import type { ClaimedRow } from './rounds';

/**
 * Up to `limit` pending rows in `seq` order, locked for this transaction. `SKIP LOCKED` lets several relays
 * share the table without waiting on each other: each claims rows the others have not.
 */
export function claimPending(manager: EntityManager, limit: number): Promise<ClaimedRow[]> {
  return manager.query<ClaimedRow[]>('SELECT seq, topic, `key`, envelope FROM messaging_outbox WHERE status = ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED', [
    'pending',
    limit,
  ]);
}

export async function markSent(manager: EntityManager, seqs: readonly string[]): Promise<void> {
  // mysql2 writes the Date in UTC, as the data source's `timezone: 'Z'` makes TypeORM do.
  await manager.query(
    `UPDATE messaging_outbox SET status = 'sent', sentAt = ?, attempts = attempts + 1, lastError = NULL WHERE seq IN (${placeholders(seqs)})`,
    [new Date(), ...seqs],
  );
}

/** Best effort: makes a stuck batch visible in the table; a failure here must not hide the real error. */
export async function noteFailure(dataSource: DataSource, seqs: readonly string[], error: unknown): Promise<void> {
  if (seqs.length === 0) return;
  try {
    await dataSource
      .createQueryBuilder()
      .update(OutboxRecord)
      .set({ attempts: () => 'attempts + 1', lastError: messageOf(error).slice(0, 1000) })
      .where('seq IN (:...seqs)', { seqs })
      .andWhere('status = :status', { status: 'pending' })
      .execute();
  } catch {
    // The database may be what failed.
  }
}

export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { dialectOf } from './dialect';

/** `SELECT ... FOR UPDATE` where the database has row locks (see `Dialect.lockForUpdate`). */
export function forUpdate<E extends ObjectLiteral>(manager: EntityManager, select: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  return dialectOf(manager.connection).lockForUpdate(select);
}

/**
 * The isolation for a transaction that reads after taking a lock (`forUpdate`): READ COMMITTED on MySQL/MariaDB,
 * so every read after the lock sees what the previous holder committed (REPEATABLE READ would read from a snapshot
 * taken before the lock, e.g. miss the row a racing request just inserted and fail on its unique key instead of
 * answering 409). Embedded SQLite has one writer: its default. Pass to `unitOfWork.run(work, options)`.
 */
export function afterLockIsolation(dataSource: DataSource): { isolationLevel?: IsolationLevel } {
  return dialectOf(dataSource).embedded ? {} : { isolationLevel: 'READ COMMITTED' };
}

/**
 * Claims a scheduled job's work, so that several instances running the job never do one piece twice.
 * `due` selects the job's subjects that still need the work (the job's condition is its WHERE, e.g.
 * `status = 'awaiting_recommitment'`); the rows come back locked until the transaction ends, and rows another
 * transaction holds are skipped, not waited for (MySQL/MariaDB `FOR UPDATE SKIP LOCKED`). The read sees the
 * latest commit, so a subject another instance finished meanwhile no longer matches and is not returned.
 *
 *   await unitOfWork.run(async (tx) => {
 *     const [offer] = await claimDue(tx.manager, tx.manager.createQueryBuilder(Offer, 'o')
 *       .where('o.id = :id AND o.status = :open AND o.expiresAt < :now', { id, open: 'open', now }));
 *     if (!offer) return; // done meanwhile, or held by another instance or a request: the next run looks again
 *     // ...change the offer and record its events, in this transaction
 *   });
 *
 * Call it inside the transaction that does the work. Embedded SQLite (`npm start`) is one instance on one
 * connection without row locks: the claim is a plain read there. See docs/scheduled-jobs.md.
 */
export async function claimDue<E extends ObjectLiteral>(manager: EntityManager, due: SelectQueryBuilder<E>): Promise<E[]> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('claimDue needs the transaction that does the work: a claim outside one ends as soon as it is made');
  }
  return dialectOf(manager.connection).lockSkippingLocked(due).getMany();
}

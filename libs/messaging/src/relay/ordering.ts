import type { EntityManager } from 'typeorm';
import type { MessagingLogger } from '../logger';
import { placeholders } from './claims';
import type { ClaimedRow } from './rounds';

/**
 * Keeps, per aggregate, only the claimed rows older than its oldest pending row outside this claim (one
 * another relay has locked). Publishing past such a row would overtake it: another relay may hold
 * #13 while this one holds #12 and #15, so only #12 may go now. Reads the latest committed state, so a
 * row the other relay has already published and marked no longer holds anything back.
 *
 * `published` are the rows of this relay's own earlier rounds still in flight: ahead of this claim, they hold
 * nothing back.
 */
export async function withoutAggregatesBehindOthers(
  manager: EntityManager,
  rows: readonly ClaimedRow[],
  published: readonly string[],
  log: { logger: MessagingLogger; service: string },
): Promise<ClaimedRow[]> {
  const keys = [...new Set(rows.map((r) => r.key))];
  // Only an older row can hold a claimed one back: bounded by the newest claimed seq.
  const newest = rows.reduce((max, r) => (BigInt(r.seq) > max ? BigInt(r.seq) : max), 0n);
  const mine = [...rows.map((r) => String(r.seq)), ...published];
  // Left to itself MariaDB walks (status, seq) and reads every older pending row; (key, status) covers the
  // query, one short range per aggregate.
  const unclaimed = await manager.query<{ key: string; minSeq: string | number }[]>(
    'SELECT `key`, MIN(seq) AS minSeq FROM messaging_outbox USE INDEX (IDX_messaging_outbox_key_status) ' +
      `WHERE status = ? AND \`key\` IN (${placeholders(keys)}) AND seq < ? AND seq NOT IN (${placeholders(mine)}) GROUP BY \`key\``,
    ['pending', ...keys, newest.toString(), ...mine],
  );
  const limit = new Map(unclaimed.map((u) => [u.key, BigInt(u.minSeq)]));
  const ready = rows.filter((r) => {
    const first = limit.get(r.key);
    return first === undefined || BigInt(r.seq) < first;
  });
  if (ready.length < rows.length) {
    log.logger.debug({ outbox: log.service, deferred: rows.length - ready.length }, 'deferring rows behind rows claimed by another relay');
  }
  return ready;
}

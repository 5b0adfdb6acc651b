import type { UnitOfWorkRunOptions } from '@crosswalk/messaging';
import { dialectOf, forUpdate } from '@crosswalk/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkEvent } from './network-event.entity';

/**
 * Reads the event locked until the transaction ends. Every change of an event or of its seats takes this lock
 * first, so two of them never interleave: the seats counted under it are the seats there are.
 */
export function lockedEvent(manager: EntityManager, id: string): Promise<NetworkEvent | null> {
  return forUpdate(manager, manager.createQueryBuilder(NetworkEvent, 'event').where('event.id = :id', { id })).getOne();
}

/**
 * READ COMMITTED on MySQL for transactions that read after taking a lock: every count or status read then sees
 * what the previous holder of the lock committed (REPEATABLE READ would read from a snapshot that may predate
 * it). SQLite has one writer.
 */
export function afterLockIsolation(dataSource: DataSource): UnitOfWorkRunOptions {
  return dialectOf(dataSource).embedded ? {} : { isolationLevel: 'READ COMMITTED' };
}

import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isEmbeddedSqlite } from './data-source';

/**
 * `SELECT ... FOR UPDATE` on MySQL, so concurrent changes of one aggregate queue up behind its row. Embedded
 * SQLite has no row locks (and TypeORM rejects the clause there); its single writer serialises anyway.
 */
export function forUpdate<E extends ObjectLiteral>(manager: EntityManager, select: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  return isEmbeddedSqlite(manager.connection) ? select : select.setLock('pessimistic_write');
}

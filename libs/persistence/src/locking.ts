import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dialectOf } from './dialect';

/** `SELECT ... FOR UPDATE` where the database has row locks (see `Dialect.lockForUpdate`). */
export function forUpdate<E extends ObjectLiteral>(manager: EntityManager, select: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  return dialectOf(manager.connection).lockForUpdate(select);
}

import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * What differs between the two databases a service runs on, in one place, so no caller checks the driver:
 * MySQL/MariaDB (tests, production) and embedded SQLite (`npm start` without servers).
 */
export interface Dialect {
  /**
   * Embedded SQLite: one process owns the database file, through one connection, so there is one writer and
   * no row locks. Mechanisms that let several processes share a table (SKIP LOCKED claims) are moot there.
   */
  readonly embedded: boolean;
  /** Transactions that can make progress at once: 1 on SQLite's one connection; on MySQL the pool queues any excess. */
  readonly maxParallelTransactions: number;
  /**
   * `SELECT ... FOR UPDATE`, so concurrent changes of one aggregate queue up behind its row. Nothing on SQLite,
   * whose single writer serialises anyway (and TypeORM rejects the clause there).
   */
  lockForUpdate<E extends ObjectLiteral>(select: SelectQueryBuilder<E>): SelectQueryBuilder<E>;
  /**
   * `SELECT ... FOR UPDATE SKIP LOCKED`: rows another transaction holds are skipped, not waited for (a claim by
   * one of several instances). A plain read on SQLite, where one instance owns the file.
   */
  lockSkippingLocked<E extends ObjectLiteral>(select: SelectQueryBuilder<E>): SelectQueryBuilder<E>;
  /** Column types for TypeORM's portable schema API where the two disagree. */
  readonly columnTypes: {
    /** A 64-bit auto-increment primary key: SQLite auto-increments only an INTEGER PRIMARY KEY (64-bit there). */
    readonly autoIncrementId: 'bigint' | 'integer';
    /** Text beyond 64 KB: MySQL's TEXT stops there, SQLite's TEXT is unbounded. */
    readonly longText: 'mediumtext' | 'text';
  };
}

const MYSQL: Dialect = {
  embedded: false,
  maxParallelTransactions: Number.POSITIVE_INFINITY,
  lockForUpdate: (select) => select.setLock('pessimistic_write'),
  lockSkippingLocked: (select) => select.setLock('pessimistic_write').setOnLocked('skip_locked'),
  columnTypes: { autoIncrementId: 'bigint', longText: 'mediumtext' },
};

const EMBEDDED_SQLITE: Dialect = {
  embedded: true,
  maxParallelTransactions: 1,
  lockForUpdate: (select) => select,
  lockSkippingLocked: (select) => select,
  columnTypes: { autoIncrementId: 'integer', longText: 'text' },
};

/** The dialect of an open (or configured) data source. */
export function dialectOf(dataSource: Pick<DataSource, 'options'>): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? EMBEDDED_SQLITE : MYSQL;
}

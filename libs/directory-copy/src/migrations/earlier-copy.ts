import { type QueryRunner, Table } from 'typeorm';
import { DIRECTORY_COPY_TABLES, columnNamesOf } from './tables-1796200000000';

/** A service's own tables of an earlier copy, by what they held; each with the same columns as the shared one. */
export type EarlierCopyTables = Partial<Record<keyof typeof DIRECTORY_COPY_TABLES, string>>;

/**
 * `INSERT INTO target (columns) SELECT columns FROM source`: the same statement on MySQL and SQLite, with each
 * dialect's quoting. `select` instead: a query that yields `columns` in order (rows of another shape).
 */
export async function copyRows(
  queryRunner: QueryRunner,
  target: string,
  columns: readonly string[],
  source: { table: string } | { select: string },
): Promise<void> {
  const quote = (name: string): string => queryRunner.connection.driver.escape(name);
  const list = columns.map(quote).join(', ');
  const from = 'table' in source ? `SELECT ${list} FROM ${quote(source.table)}` : source.select;
  await queryRunner.query(`INSERT INTO ${quote(target)} (${list}) ${from}`);
}

/**
 * For a service that kept a copy of its own before this lib: moves its rows into the copy's tables and drops its
 * tables, in a migration of the service that runs after DirectoryCopyTables. Nothing is lost and nothing needs
 * a replay; a table of another shape is the service's own migration's to move (see colocations').
 */
export async function moveEarlierCopy(queryRunner: QueryRunner, earlier: EarlierCopyTables): Promise<void> {
  for (const [kind, table] of Object.entries(earlier) as [keyof typeof DIRECTORY_COPY_TABLES, string][]) {
    const shared = DIRECTORY_COPY_TABLES[kind];
    await copyRows(queryRunner, shared.name, columnNamesOf(shared), { table });
    await queryRunner.dropTable(table);
  }
}

/**
 * The reverse, for the migration's `down`: the rows back into the service's earlier tables. A table the service
 * has not recreated itself (with its own indices, say) is created with the shared table's columns.
 */
export async function restoreEarlierCopy(queryRunner: QueryRunner, earlier: EarlierCopyTables): Promise<void> {
  for (const [kind, table] of Object.entries(earlier) as [keyof typeof DIRECTORY_COPY_TABLES, string][]) {
    const shared = DIRECTORY_COPY_TABLES[kind];
    if (!(await queryRunner.hasTable(table))) await queryRunner.createTable(new Table({ name: table, columns: [...shared.columns] }));
    await copyRows(queryRunner, table, columnNamesOf(shared), { table: shared.name });
  }
}

import { Logger } from '@nestjs/common';
import { type QueryRunner, TableColumn, type TableIndex } from 'typeorm';

/**
 * A name as a natural key compares it: Unicode-normalized, trimmed, inner whitespace collapsed and lower-cased,
 * so "Lincoln  High" and "lincoln high" are one school of a city on MariaDB and SQLite alike (their collations
 * differ, so the comparison is not left to them).
 */
export function nameKeyOf(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Room for a key that a migration had to keep apart: rows stored before the key existed that share it keep their
 * data and get `<key>#<id>` (see `keepDuplicatesApart`), so the column is longer than the name it is made from.
 */
export const NAME_KEY_LENGTH = 240;

export interface KeyedRow {
  id: string;
  /** What else the unique index holds (the city, a day): keys compare within one scope. */
  scope: readonly string[];
  key: string;
}

/**
 * The keys a new unique natural key gives rows stored before it existed. The first row of each key (in the order
 * given: oldest first) keeps it; the others get `<key>#<id>`, so the migration neither fails nor deletes or renames
 * anything that other services already hold a copy of. Returns every row's key and the groups that were
 * duplicates, for the migration to report.
 */
export function keepDuplicatesApart(rows: readonly KeyedRow[]): { keys: Map<string, string>; duplicates: { kept: string; apart: string[] }[] } {
  const first = new Map<string, string>();
  const apart = new Map<string, string[]>();
  const keys = new Map<string, string>();
  for (const row of rows) {
    const scoped = JSON.stringify([...row.scope, row.key]);
    const holder = first.get(scoped);
    if (holder === undefined) {
      first.set(scoped, row.id);
      keys.set(row.id, row.key);
    } else {
      keys.set(row.id, `${row.key}#${row.id}`);
      apart.set(holder, [...(apart.get(holder) ?? []), row.id]);
    }
  }
  return { keys, duplicates: [...apart].map(([kept, ids]) => ({ kept, apart: ids })) };
}

export interface NaturalKeySpec {
  table: string;
  /** The key column the migration adds (varchar, filled from the rows). */
  column: string;
  length: number;
  /** The unique index over the scope columns and the key column. */
  index: TableIndex;
  /** Every stored row, oldest first, with its scope and the key it would have. */
  rows: (runner: QueryRunner) => Promise<KeyedRow[]>;
  /** How a row is named in the report (`school <id>`). */
  describe: (id: string) => string;
}

/**
 * The migration step that gives a table a unique natural key: adds the column, fills it for the rows stored so
 * far (keeping earlier duplicates apart, see `keepDuplicatesApart`), logs each duplicate group for an operator,
 * then adds the unique index.
 */
export async function addNaturalKey(runner: QueryRunner, spec: NaturalKeySpec): Promise<void> {
  // A default only so the column can be added NOT NULL to a table with rows; every row is filled next.
  await runner.addColumn(spec.table, new TableColumn({ name: spec.column, type: 'varchar', length: String(spec.length), isNullable: false, default: "''" }));
  const { keys, duplicates } = keepDuplicatesApart(await spec.rows(runner));
  for (const [id, key] of keys) await runner.query(`UPDATE ${spec.table} SET ${spec.column} = ? WHERE id = ?`, [key, id]);
  const log = new Logger('migrations');
  for (const group of duplicates) {
    log.warn(
      `${spec.describe(group.kept)} has duplicates stored before its natural key existed: ${group.apart.map(spec.describe).join(', ')}; kept apart, merge or rename them`,
    );
  }
  await runner.createIndex(spec.table, spec.index);
}

export async function dropNaturalKey(runner: QueryRunner, spec: NaturalKeySpec): Promise<void> {
  await runner.dropIndex(spec.table, spec.index.name ?? '');
  await runner.dropColumn(spec.table, spec.column);
}

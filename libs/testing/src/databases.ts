import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind, ServiceDatabaseOptions } from '@crosswalk/persistence';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';

/** The MariaDB/MySQL server tests use (root, no password, on these machines). */
export const TEST_SERVER_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

const runId = process.env.TEST_RUN_ID ?? `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * Refuses any database whose name does not say "test": a mistyped URL must never let a test
 * drop or fill a real database.
 */
export function assertTestDatabaseName(name: string): void {
  if (!/(^|_)test(_|$)/.test(name)) {
    throw new Error(`Refusing to use database "${name}" in tests: its name must contain "test"`);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> {
  const connection = await createConnection({ uri: TEST_SERVER_URL, connectTimeout: 5000 });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

/** A fresh, uniquely named database for one test file, so runs never collide. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `test_${runId}_${label.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(3).toString('hex')}`;
  assertTestDatabaseName(name);
  await admin((c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  return {
    name,
    url: `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/**
 * A fresh database of either kind a service runs on: MariaDB (`createTestDatabase`) or the embedded SQLite of
 * `npm start` (a temporary folder). `location` goes to `openServiceDatabase` as it is.
 */
export async function createTestDatabaseOf(
  kind: DatabaseKind,
  label: string,
): Promise<{ location: Pick<ServiceDatabaseOptions, 'databaseUrl' | 'dataDir'>; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `crosswalk-${label}-`));
    return { location: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase(label);
  return { location: { databaseUrl: database.url }, drop: () => database.drop() };
}

/** Inserts rows with plain SQL (placeholders both drivers take): data as an earlier version of a service wrote it. */
export async function insertRows(dataSource: DataSource, table: string, rows: readonly Record<string, string | number | null>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
  }
}

/** Reverts the migrations executed last, one by one, down to and including the one named (a `down` under test). */
export async function undoMigrationsThrough(dataSource: DataSource, name: string): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  for (;;) {
    const [last] = await dataSource.query<{ name: string }[]>(`SELECT name FROM ${table} ORDER BY id DESC LIMIT 1`);
    if (!last) throw new Error(`Migration ${name} was not executed`);
    await dataSource.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}

import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

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

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own types for entity and migration classes
export type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function | string>;

export interface ServiceDatabaseOptions {
  /** The owning service: names the SQLite file and, by convention, the MySQL database. */
  service: string;
  /** `mysql://user:pass@host:port/database`. Absent: embedded SQLite under `dataDir`. */
  databaseUrl?: string;
  /** Folder for embedded SQLite files (default `.data`). */
  dataDir?: string;
  entities: EntityList;
  migrations: MigrationList;
}

export type DatabaseKind = 'mysql' | 'sqlite';

export function databaseKind(options: Pick<ServiceDatabaseOptions, 'databaseUrl'>): DatabaseKind {
  return options.databaseUrl ? 'mysql' : 'sqlite';
}

/**
 * One data source per service. Both kinds run the same migrations (written with TypeORM's portable
 * schema API), so the embedded SQLite mode never relies on schema synchronisation.
 */
export function dataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (options.databaseUrl) {
    return {
      ...common,
      type: 'mysql',
      url: options.databaseUrl,
      timezone: 'Z',
      // Day-dates (tenure start, effective date) stay 'YYYY-MM-DD' strings: no time zone can shift them.
      dateStrings: ['DATE'],
      charset: 'utf8mb4_unicode_ci',
      connectTimeout: 5000,
      extra: { connectionLimit: 10 },
    };
  }
  const dir = resolve(options.dataDir ?? '.data');
  mkdirSync(dir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(dir, `${options.service}.sqlite`),
    // WAL lets the relay read while a request writes.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
    },
  };
}

export interface ParsedDatabaseUrl {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Parses and checks a `mysql://` URL; the message names `DATABASE_URL` so start-up errors are plain. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected mysql://user:password@host:3306/database)');
  }
  if (parsed.protocol !== 'mysql:') {
    throw new Error(`DATABASE_URL must use the mysql:// scheme, got ${parsed.protocol}//`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error('DATABASE_URL must name a database (letters, digits, underscore), e.g. mysql://root@127.0.0.1:3306/crosswalk_schools');
  }
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/**
 * Creates the service's database when it is missing (dev and test servers). On a production server the
 * database is provisioned by deploy/ and the service's user may lack the privilege; that is not an error.
 */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const { database, ...server } = parseDatabaseUrl(url);
  const connection = await createConnection({ ...server, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database]);
    if (Array.isArray(rows) && rows.length === 0) {
      await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await connection.end();
  }
}

/** Opens the service's data source and brings its schema up to date with its migrations. */
export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<DataSource> {
  if (options.databaseUrl) await ensureDatabaseExists(options.databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(options));
  await dataSource.initialize();
  return dataSource;
}

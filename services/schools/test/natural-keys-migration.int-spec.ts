// A directory that stored duplicate schools and compacts before their natural keys existed (identical concurrent
// creations did that), on MariaDB and on the embedded SQLite of `npm start`: the migration that adds the keys
// neither fails nor merges, renames or deletes anything (other services hold copies of these rows); it keeps the
// later duplicates apart, reports each group, and from then on a duplicate is refused by the unique key.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { type DatabaseKind, isUniqueViolation, openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabaseOf, insertRows, undoMigrationsThrough } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { SCHOOLS_MIGRATIONS } from '../migrations';
import { NaturalKeys1796400000000 } from '../migrations/1796400000000-natural-keys';
import { SCHOOLS_ENTITIES } from '../src/entities';

jest.setTimeout(60_000);

const school = (id: string, name: string, createdAt: string) => ({
  id,
  cityId: 'denver',
  name,
  sector: 'district',
  organizationId: null,
  ncesId: null,
  status: 'open',
  closedOn: null,
  createdAt,
  updatedAt: createdAt,
});
const compact = (id: string, title: string, signedOn: string, createdAt: string) => ({ id, cityId: 'denver', title, signedOn, createdAt });

describe.each<DatabaseKind>(['sqlite', 'mysql'])('natural keys added to a directory with duplicates on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabaseOf>>;
  let dataSource: DataSource;
  const warnings: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind, 'schools_natural_keys');
    const earlier = await openServiceDatabase({
      service: 'schools',
      ...database.location,
      entities: MESSAGING_ENTITIES,
      migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS.filter((m) => m !== NaturalKeys1796400000000)],
    });
    await insertRows(earlier, 'school', [
      school('s1', 'Lincoln Elementary', '2025-01-01 09:00:00.000'),
      school('s2', 'Lincoln Elementary', '2025-01-01 09:00:00.001'),
      school('s3', 'lincoln  ELEMENTARY', '2025-01-01 09:00:00.002'),
      school('s4', 'North High', '2025-01-01 09:00:00.003'),
    ]);
    await insertRows(earlier, 'compact', [
      compact('c1', 'Denver Compact', '2024-05-01', '2025-01-01 09:00:00.000'),
      compact('c2', 'Denver Compact', '2024-05-01', '2025-01-01 09:00:00.001'),
      compact('c3', 'Denver Compact', '2025-05-01', '2025-01-01 09:00:00.002'),
    ]);
    await earlier.destroy();

    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    dataSource = await openServiceDatabase({
      service: 'schools',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...SCHOOLS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps every row as it was, the oldest of each key holding it and the later ones kept apart', async () => {
    expect(await dataSource.query('SELECT id, name, nameKey FROM school ORDER BY id')).toEqual([
      { id: 's1', name: 'Lincoln Elementary', nameKey: 'lincoln elementary' },
      { id: 's2', name: 'Lincoln Elementary', nameKey: 'lincoln elementary#s2' },
      { id: 's3', name: 'lincoln  ELEMENTARY', nameKey: 'lincoln elementary#s3' },
      { id: 's4', name: 'North High', nameKey: 'north high' },
    ]);
    // A renewal under the same title on another day is another compact, not a duplicate.
    expect(await dataSource.query('SELECT id, titleKey FROM compact ORDER BY id')).toEqual([
      { id: 'c1', titleKey: 'denver compact' },
      { id: 'c2', titleKey: 'denver compact#c2' },
      { id: 'c3', titleKey: 'denver compact' },
    ]);
  });

  it('reports each group of duplicates for an operator to merge or rename', () => {
    expect(warnings.filter((w) => w.includes('duplicates'))).toEqual([
      'school s1 has duplicates stored before its natural key existed: school s2, school s3; kept apart, merge or rename them',
      'compact c1 has duplicates stored before its natural key existed: compact c2; kept apart, merge or rename them',
    ]);
  });

  it('refuses a further duplicate with the unique key', async () => {
    const again = dataSource.query('INSERT INTO school (id, cityId, name, nameKey, sector, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      's5',
      'denver',
      'North High',
      'north high',
      'district',
      'open',
      '2025-02-01 09:00:00.000',
      '2025-02-01 09:00:00.000',
    ]);
    expect(
      isUniqueViolation(
        await again.then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    ).toBe(true);
  });

  it('and its down drops the keys and leaves the rows', async () => {
    await undoMigrationsThrough(dataSource, new NaturalKeys1796400000000().name);
    const runner = dataSource.createQueryRunner();
    try {
      expect((await runner.getTable('school'))?.columns.map((c) => c.name)).not.toContain('nameKey');
      expect((await runner.getTable('compact'))?.columns.map((c) => c.name)).not.toContain('titleKey');
    } finally {
      await runner.release();
    }
    expect(await dataSource.query('SELECT id FROM school ORDER BY id')).toEqual([{ id: 's1' }, { id: 's2' }, { id: 's3' }, { id: 's4' }]);
  });
});

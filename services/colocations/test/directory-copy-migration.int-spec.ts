// A database colocations filled before @crosswalk/directory-copy, on MariaDB and on the embedded SQLite of
// `npm start`: the service's own copy (schools, people, principal transitions) moves into the shared tables when
// the service next starts, and the copy answers what the earlier one did: the same champions, the same closures.
import 'reflect-metadata';
import type { DatabaseKind } from '@crosswalk/persistence';
import { DirectoryCopy, RoleTransition } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabaseOf, insertRows, undoMigrationsThrough } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { COLOCATIONS_MIGRATIONS } from '../migrations';
import { Colocations1764200000000 } from '../migrations/1764200000000-colocations';
import { RecommitmentRequests1764200000001 } from '../migrations/1764200000001-recommitment-requests';
import { DirectoryCopyMoved1796200000001 } from '../migrations/1796200000001-directory-copy-moved';
import { COLOCATIONS_ENTITIES } from '../src/app.module';

jest.setTimeout(60_000);

const transition = (id: string, schoolId: string, from: string | null, to: string | null, effectiveDate: string, supersedes: string | null = null) => ({
  id,
  schoolId,
  outgoingPersonId: from,
  incomingPersonId: to,
  effectiveDate,
  supersedesTransitionId: supersedes,
  supersededBy: null,
  recordedAt: `${effectiveDate} 09:00:00.000`,
});

describe.each<DatabaseKind>(['sqlite', 'mysql'])('an earlier colocations database on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabaseOf>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind, 'colocations_copy_migration');
    const earlier = await openServiceDatabase({
      service: 'colocations',
      ...database.location,
      entities: MESSAGING_ENTITIES,
      migrations: [...MESSAGING_MIGRATIONS, Colocations1764200000000, RecommitmentRequests1764200000001],
    });
    await insertRows(earlier, 'colocation_known_school', [
      { id: 'lincoln', cityId: 'denver', name: 'Lincoln Elementary', sector: 'district', closedOn: null },
      { id: 'strive', cityId: 'denver', name: 'STRIVE Prep', sector: 'charter', closedOn: '2026-06-30' },
    ]);
    await insertRows(earlier, 'colocation_known_person', [
      { id: 'ana', fullName: 'Ana Ruiz' },
      { id: 'ben', fullName: 'Ben Okafor' },
      { id: 'cruz', fullName: 'Cruz Medina' },
    ]);
    await insertRows(earlier, 'colocation_principal_transition', [
      transition('t1', 'lincoln', null, 'ana', '2024-07-01'),
      transition('t2', 'lincoln', 'ana', 'ben', '2026-01-05'),
      transition('t3', 'lincoln', 'ana', 'cruz', '2026-01-05', 't2'),
      transition('t4', 'strive', null, 'ben', '2024-07-01'),
      // A school whose own event had not reached colocations yet.
      transition('t5', 'ghost', null, 'ana', '2025-07-01'),
    ]);
    await earlier.query("UPDATE colocation_principal_transition SET supersededBy = 't3' WHERE id = 't2'");
    await earlier.destroy();

    dataSource = await openServiceDatabase({
      service: 'colocations',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...COLOCATIONS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...COLOCATIONS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers the same champions and closures from the shared tables, and drops its own', async () => {
    const copy = new DirectoryCopy();
    const champions = await copy.leaders(dataSource.manager, 'school', ['lincoln', 'strive', 'ghost']);
    expect(Object.fromEntries(champions)).toEqual({
      lincoln: { personId: 'cruz', fullName: 'Cruz Medina' },
      strive: { personId: 'ben', fullName: 'Ben Okafor' },
      ghost: { personId: 'ana', fullName: 'Ana Ruiz' },
    });
    expect((await copy.schools(dataSource.manager, ['lincoln', 'strive'])).map((s) => [s.id, s.sector, s.closedOn]).sort()).toEqual([
      ['lincoln', 'district', null],
      ['strive', 'charter', '2026-06-30'],
    ]);
    expect(await copy.transition(dataSource.manager, 't2')).toMatchObject({ holderKind: 'school', role: 'principal', cityId: 'denver', supersededBy: 't3' });
    expect(await dataSource.getRepository(RoleTransition).findOneBy({ id: 't5' })).toMatchObject({ holderId: 'ghost', cityId: null });
    const runner = dataSource.createQueryRunner();
    try {
      for (const table of ['colocation_known_school', 'colocation_known_person', 'colocation_principal_transition']) {
        expect(await runner.hasTable(table)).toBe(false);
      }
    } finally {
      await runner.release();
    }
  });

  it('and its down brings the earlier tables back with their rows', async () => {
    await undoMigrationsThrough(dataSource, new DirectoryCopyMoved1796200000001().name);
    expect(await dataSource.query('SELECT id, schoolId, incomingPersonId, supersededBy FROM colocation_principal_transition ORDER BY id')).toEqual([
      { id: 't1', schoolId: 'lincoln', incomingPersonId: 'ana', supersededBy: null },
      { id: 't2', schoolId: 'lincoln', incomingPersonId: 'ben', supersededBy: 't3' },
      { id: 't3', schoolId: 'lincoln', incomingPersonId: 'cruz', supersededBy: null },
      { id: 't4', schoolId: 'strive', incomingPersonId: 'ben', supersededBy: null },
      { id: 't5', schoolId: 'ghost', incomingPersonId: 'ana', supersededBy: null },
    ]);
    expect(await dataSource.query('SELECT id, closedOn FROM colocation_known_school ORDER BY id')).toEqual([
      { id: 'lincoln', closedOn: null },
      { id: 'strive', closedOn: '2026-06-30' },
    ]);
    expect(await dataSource.query('SELECT id, fullName FROM colocation_known_person ORDER BY id')).toEqual([
      { id: 'ana', fullName: 'Ana Ruiz' },
      { id: 'ben', fullName: 'Ben Okafor' },
      { id: 'cruz', fullName: 'Cruz Medina' },
    ]);
  });
});

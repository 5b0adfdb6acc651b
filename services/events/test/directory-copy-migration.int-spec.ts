// A database the events service filled before @crosswalk/directory-copy, on MariaDB and on the embedded SQLite
// of `npm start`: its own copy (cities, schools, people, role transitions) moves into the shared tables when the
// service next starts, and the copy answers what the earlier one did: the city of an event, a registrant's role.
import 'reflect-metadata';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { type DatabaseKind, openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabaseOf, insertRows, undoMigrationsThrough } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { EVENTS_MIGRATIONS } from '../migrations';
import { PersonContacts1796100000000 } from '../migrations/1796100000000-person-contacts';
import { DirectoryCopyMoved1796200000001 } from '../migrations/1796200000001-directory-copy-moved';
import { EVENTS_ENTITIES } from '../src/app.module';

jest.setTimeout(60_000);

describe.each<DatabaseKind>(['sqlite', 'mysql'])('an earlier events database on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabaseOf>>;
  let dataSource: DataSource;
  const copy = new DirectoryCopy();

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind, 'events_copy_migration');
    const earlier = await openServiceDatabase({
      service: 'events',
      ...database.location,
      entities: MESSAGING_ENTITIES,
      // Every migration before the shared copy's (the earlier copy, with the addresses it kept for mail).
      migrations: [...MESSAGING_MIGRATIONS, ...EVENTS_MIGRATIONS.filter((m) => /\d+$/.exec(m.name)![0] < '1796000000000')],
    });
    await insertRows(earlier, 'event_known_city', [{ id: 'denver', name: 'Denver', state: 'CO' }]);
    await insertRows(earlier, 'event_known_school', [{ id: 'lincoln', cityId: 'denver', name: 'Lincoln Elementary', sector: 'district', closedOn: null }]);
    await insertRows(earlier, 'event_known_person', [
      { id: 'ana', fullName: 'Ana Ruiz', email: 'ana@lincoln.example' },
      { id: 'ben', fullName: 'Ben Ode', email: null },
    ]);
    await insertRows(earlier, 'event_role_transition', [
      {
        id: 't1',
        holderKind: 'school',
        holderId: 'lincoln',
        cityId: 'denver',
        role: 'principal',
        outgoingPersonId: null,
        incomingPersonId: 'ana',
        effectiveDate: '2024-07-01',
        supersedesTransitionId: null,
        supersededBy: null,
        recordedAt: '2024-06-20 09:00:00.000',
      },
    ]);
    await earlier.destroy();

    dataSource = await openServiceDatabase({
      service: 'events',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...EVENTS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...EVENTS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers the same cities, schools, people and roles from the shared tables, and drops its own', async () => {
    expect(await copy.city(dataSource.manager, 'denver')).toMatchObject({ name: 'Denver', state: 'CO' });
    expect(await copy.school(dataSource.manager, 'lincoln')).toMatchObject({ cityId: 'denver', sector: 'district', closedOn: null });
    expect(await copy.person(dataSource.manager, 'ana')).toEqual({ id: 'ana', fullName: 'Ana Ruiz' });
    expect(await copy.positionOn(dataSource.manager, 'ana', '2025-01-01')).toEqual({
      schoolId: 'lincoln',
      sector: 'district',
      cityId: 'denver',
      role: 'principal',
    });
    const runner = dataSource.createQueryRunner();
    try {
      for (const table of ['event_known_city', 'event_known_school', 'event_known_person', 'event_role_transition']) {
        expect(await runner.hasTable(table)).toBe(false);
      }
    } finally {
      await runner.release();
    }
  });

  it("keeps the addresses for mail in the service's own table, outside the shared copy", async () => {
    expect(await dataSource.query('SELECT personId, email FROM event_person_contact')).toEqual([{ personId: 'ana', email: 'ana@lincoln.example' }]);
  });

  it('and its down brings the earlier tables back with their rows', async () => {
    await undoMigrationsThrough(dataSource, new DirectoryCopyMoved1796200000001().name);
    expect(await dataSource.query('SELECT id, name, state FROM event_known_city')).toEqual([{ id: 'denver', name: 'Denver', state: 'CO' }]);
    expect(await dataSource.query('SELECT id, holderId, role, incomingPersonId FROM event_role_transition')).toEqual([
      { id: 't1', holderId: 'lincoln', role: 'principal', incomingPersonId: 'ana' },
    ]);
    await undoMigrationsThrough(dataSource, new PersonContacts1796100000000().name);
    expect(await dataSource.query('SELECT id, email FROM event_known_person ORDER BY id')).toEqual([
      { id: 'ana', email: 'ana@lincoln.example' },
      { id: 'ben', email: null },
    ]);
  });
});

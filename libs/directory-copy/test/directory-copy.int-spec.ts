// The local copy of the directory on both databases a service runs on (MariaDB in tests and production, embedded
// SQLite under `npm start`): the handler builds it from the directory's events alone, a redelivered event changes
// nothing, the service's reactions run after the fact is in the copy and in the same transaction, and the reads
// answer as of a day. The handlers are called as the inbox calls them, each event in a transaction of its own.
import 'reflect-metadata';
import {
  CityUpdated,
  type EventEnvelope,
  type EventOf,
  type LeadershipTransitioned,
  OrganizationUpdated,
  PersonUpdated,
  type SchoolClosed,
  SchoolUpdated,
} from '@crosswalk/contracts';
import { type EventHandlers, type InboxContext, InboxScope, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, eventHandlersOf } from '@crosswalk/messaging';
import { type DatabaseKind, openServiceDatabase } from '@crosswalk/persistence';
import {
  cityCreated,
  createTestDatabaseOf,
  insertRows,
  leadershipTransition,
  organizationCreated,
  personCreated,
  schoolClosed,
  schoolCreated,
  schoolsEvent,
} from '@crosswalk/testing';
import { type DataSource, Table } from 'typeorm';
import {
  DIRECTORY_COPY_ENTITIES,
  DIRECTORY_COPY_MIGRATIONS,
  DirectoryCopy,
  DirectoryCopyHandler,
  DirectoryReactions,
  KnownCity,
  KnownOrganization,
  KnownPerson,
  KnownSchool,
  moveEarlierCopy,
  restoreEarlierCopy,
} from '../src';

jest.setTimeout(60_000);

const city = 'denver';
const [lincoln, strive, district] = ['lincoln', 'strive', 'dps'];
const school = (id: string) => ({ kind: 'school' as const, id, cityId: city });
const organization = { kind: 'organization' as const, id: district, cityId: city };
const transitionIdOf = (envelope: EventEnvelope<object>): string => (envelope.payload as { transitionId: string }).transitionId;

/** Reactions that note what the copy already said when they ran, and can be made to fail. */
class NotingReactions extends DirectoryReactions {
  readonly noted: string[] = [];
  failing = false;
  private readonly copy = new DirectoryCopy();

  override async onSchoolClosed(event: EventOf<typeof SchoolClosed>, ctx: InboxContext): Promise<void> {
    const known = await this.copy.school(ctx.manager, event.payload.schoolId);
    this.noted.push(`closed ${event.payload.schoolId}: copy says ${known?.closedOn}`);
    if (this.failing) throw new Error('reaction failed');
  }

  override async onTransitioned(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext): Promise<void> {
    const leader = await this.copy.leader(ctx.manager, event.payload.holderKind, event.payload.holderId);
    this.noted.push(`${event.payload.role} at ${event.payload.holderId}: copy says ${leader?.personId ?? 'vacant'}`);
  }
}

describe.each<DatabaseKind>(['sqlite', 'mysql'])('the directory copy on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabaseOf>>;
  let dataSource: DataSource;
  const copy = new DirectoryCopy();
  const reactions = new NotingReactions();
  let handlers: EventHandlers;

  const deliver = async (...envelopes: EventEnvelope<object>[]): Promise<void> => {
    for (const envelope of envelopes) {
      await dataSource.transaction(async (manager) => {
        await handlers[envelope.type](envelope, new InboxScope(manager, undefined, 'directory-copy-test', 'topic', 0, '0', 1));
      });
    }
  };
  const read = <T>(query: (manager: DataSource['manager']) => Promise<T>): Promise<T> => query(dataSource.manager);

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind, 'directory_copy');
    dataSource = await openServiceDatabase({
      service: 'directory-copy-test',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...DIRECTORY_COPY_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...DIRECTORY_COPY_MIGRATIONS],
    });
    handlers = eventHandlersOf([new DirectoryCopyHandler(reactions)]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('handles every directory and leadership event itself, so a service adds reactions, never a second handler', () => {
    expect(Object.keys(handlers).sort()).toEqual([
      'schools.city.created',
      'schools.city.updated',
      'schools.leadership.transitioned',
      'schools.organization.created',
      'schools.organization.updated',
      'schools.person.created',
      'schools.person.updated',
      'schools.school.closed',
      'schools.school.created',
      'schools.school.updated',
    ]);
  });

  it('keeps cities, schools and people as last told; an update never reopens a closed school; applying the events again changes nothing', async () => {
    const events = [
      cityCreated(city, 'Denver', 'CO'),
      schoolsEvent(CityUpdated, city, city, { cityId: city, name: 'Denver Metro', state: 'CO', timeZone: 'America/Denver' }),
      cityCreated('boulder', 'Boulder', 'CO', 'America/Denver'),
      schoolsEvent(CityUpdated, 'boulder', 'boulder', { cityId: 'boulder', name: 'Boulder', state: 'CO' }),
      schoolCreated(lincoln, city, 'Lincoln Elementary', 'district'),
      schoolCreated(strive, city, 'STRIVE Prep', 'charter'),
      personCreated('ana', 'Ana Ruiz'),
      schoolsEvent(PersonUpdated, 'ana', null, { personId: 'ana', fullName: 'Ana Ruiz-Soto' }),
      schoolClosed(lincoln, city, '2026-06-30'),
      schoolsEvent(SchoolUpdated, lincoln, city, {
        schoolId: lincoln,
        cityId: city,
        name: 'Lincoln Academy',
        sector: 'district',
        organizationId: null,
        ncesId: null,
      }),
    ];
    await deliver(...events);
    const before = await Promise.all([KnownCity, KnownSchool, KnownPerson].map((entity) => dataSource.getRepository(entity).find({ order: { id: 'ASC' } })));
    expect(await read((m) => copy.city(m, city))).toEqual({ id: city, name: 'Denver Metro', state: 'CO', timeZone: 'America/Denver' });
    // An update is the whole city: one without a time zone removes it.
    expect(await read((m) => copy.city(m, 'boulder'))).toEqual({ id: 'boulder', name: 'Boulder', state: 'CO', timeZone: null });
    expect(await read((m) => copy.school(m, lincoln))).toEqual({
      id: lincoln,
      cityId: city,
      name: 'Lincoln Academy',
      sector: 'district',
      closedOn: '2026-06-30',
    });
    expect(await read((m) => copy.person(m, 'ana'))).toEqual({ id: 'ana', fullName: 'Ana Ruiz-Soto' });
    expect((await read((m) => copy.schools(m, [lincoln, strive, 'unknown']))).map((s) => s.id).sort()).toEqual([lincoln, strive]);
    expect(await read((m) => copy.schools(m, []))).toEqual([]);

    // Applied again in order, as a replay does after the inbox forgot them.
    await deliver(...events);
    expect(await Promise.all([KnownCity, KnownSchool, KnownPerson].map((entity) => dataSource.getRepository(entity).find({ order: { id: 'ASC' } })))).toEqual(
      before,
    );
  });

  it('keeps organizations as last told, and answers none for an id it was never told of; applying the events again changes nothing', async () => {
    const events = [
      organizationCreated(district, city, 'Denver Public Schools', 'district'),
      organizationCreated('strive-network', city, 'STRIVE Prep', 'cmo'),
      schoolsEvent(OrganizationUpdated, 'strive-network', city, {
        organizationId: 'strive-network',
        cityId: city,
        name: 'STRIVE Prep Network',
        kind: 'independent_network',
        ncesLeaId: '0803360',
      }),
    ];
    await deliver(...events);
    const before = await dataSource.getRepository(KnownOrganization).find({ order: { id: 'ASC' } });
    expect(await read((m) => copy.organization(m, district))).toEqual({ id: district, cityId: city, name: 'Denver Public Schools', kind: 'district' });
    expect(await read((m) => copy.organization(m, 'strive-network'))).toEqual({
      id: 'strive-network',
      cityId: city,
      name: 'STRIVE Prep Network',
      kind: 'independent_network',
    });
    expect(await read((m) => copy.organization(m, 'unknown'))).toBeNull();

    // Applied again in order, as a replay does after the inbox forgot them.
    await deliver(...events);
    expect(await dataSource.getRepository(KnownOrganization).find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('migrates to an organization table with every column its entity maps; down drops it and up restores it', async () => {
    const metadata = dataSource.getMetadata(KnownOrganization);
    const columnsOf = async (): Promise<string[]> => {
      const runner = dataSource.createQueryRunner();
      try {
        return ((await runner.getTable(metadata.tableName))?.columns ?? []).map((c) => c.name).sort();
      } finally {
        await runner.release();
      }
    };
    expect(await columnsOf()).toEqual(metadata.columns.map((c) => c.databaseName).sort());
    const [migration] = DIRECTORY_COPY_MIGRATIONS.filter((m) => m.name === 'DirectoryCopyOrganizations1797400000000').map((m) => new m());
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await runner.hasTable(metadata.tableName)).toBe(false);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await columnsOf()).toEqual(metadata.columns.map((c) => c.databaseName).sort());
    // Emptied by the round trip: learned again from the events, as a replay would.
    expect(await read((m) => copy.organization(m, district))).toBeNull();
  });

  it("answers each school's leader: the latest transition in force, a correction replacing what it supersedes; with a day, as of that day", async () => {
    const ana = leadershipTransition(school(strive), 'principal', null, 'ana', '2024-07-01');
    const wrong = leadershipTransition(school(strive), 'principal', 'ana', 'ben', '2026-01-05');
    const corrected = leadershipTransition(school(strive), 'principal', 'ana', 'cruz', '2026-01-05', transitionIdOf(wrong));
    await deliver(
      personCreated('cruz', 'Cruz Medina'),
      ana,
      leadershipTransition(school(strive), 'assistant_principal', null, 'dee', '2026-02-01'),
      leadershipTransition(organization, 'chief', null, 'eli', '2023-07-01'),
      wrong,
      corrected,
      leadershipTransition(school(lincoln), 'principal', null, 'fay', '2024-07-01'),
      leadershipTransition(school(lincoln), 'principal', 'fay', null, '2027-01-01'),
    );

    const leaders = await read((m) => copy.leaders(m, 'school', [strive, lincoln, 'unknown']));
    expect(Object.fromEntries(leaders)).toEqual({ [strive]: { personId: 'cruz', fullName: 'Cruz Medina' }, [lincoln]: null, unknown: null });
    const asOf2025 = await read((m) => copy.leaders(m, 'school', [strive, lincoln], '2025-12-31'));
    expect(Object.fromEntries(asOf2025)).toEqual({ [strive]: { personId: 'ana', fullName: 'Ana Ruiz-Soto' }, [lincoln]: { personId: 'fay', fullName: null } });
    expect(await read((m) => copy.leader(m, 'organization', district))).toEqual({ personId: 'eli', fullName: null });
    expect(await read((m) => copy.leader(m, 'organization', district, '2023-06-30'))).toBeNull();
    expect(await read((m) => copy.transition(m, transitionIdOf(wrong)))).toMatchObject({ incomingPersonId: 'ben', supersededBy: transitionIdOf(corrected) });
  });

  it('answers where a person stood on a day: a school role before an organization role, nothing once the role ended', async () => {
    await deliver(
      leadershipTransition(organization, 'chief_academic_officer', null, 'gus', '2022-07-01'),
      leadershipTransition(school(lincoln), 'teacher_leader', null, 'gus', '2024-08-01'),
      leadershipTransition(school(lincoln), 'teacher_leader', 'gus', null, '2025-06-30'),
    );
    expect(await read((m) => copy.positionOn(m, 'gus', '2022-06-30'))).toEqual({ schoolId: null, sector: null, cityId: null, role: null });
    expect(await read((m) => copy.positionOn(m, 'gus', '2023-01-01'))).toEqual({ schoolId: null, sector: null, cityId: city, role: 'chief_academic_officer' });
    expect(await read((m) => copy.positionOn(m, 'gus', '2025-01-01'))).toEqual({ schoolId: lincoln, sector: 'district', cityId: city, role: 'teacher_leader' });
    expect(await read((m) => copy.positionOn(m, 'gus', '2025-06-30'))).toEqual({ schoolId: null, sector: null, cityId: city, role: 'chief_academic_officer' });
    // Superseded by the correction: Ben never held Strive's principalship.
    expect(await read((m) => copy.positionOn(m, 'ben', '2026-02-01'))).toEqual({ schoolId: null, sector: null, cityId: null, role: null });
  });

  it('answers the roles a person held at one school on a day: every role there, none once the last one ended', async () => {
    await deliver(
      leadershipTransition(school(lincoln), 'teacher', null, 'hana', '2021-08-01'),
      leadershipTransition(school(lincoln), 'instructional_coach', null, 'hana', '2023-08-01'),
      leadershipTransition(school(strive), 'teacher', null, 'hana', '2024-08-01'),
      leadershipTransition(school(lincoln), 'teacher', 'hana', null, '2024-06-30'),
      leadershipTransition(school(lincoln), 'instructional_coach', 'hana', null, '2025-06-30'),
    );
    expect(await read((m) => copy.rolesHeldAt(m, 'hana', lincoln, '2021-07-31'))).toEqual([]);
    expect(await read((m) => copy.rolesHeldAt(m, 'hana', lincoln, '2024-01-01'))).toEqual(['instructional_coach', 'teacher']);
    expect(await read((m) => copy.rolesHeldAt(m, 'hana', lincoln, '2024-06-30'))).toEqual(['instructional_coach']);
    expect(await read((m) => copy.rolesHeldAt(m, 'hana', lincoln, '2025-06-30'))).toEqual([]);
    // A role elsewhere is not a role at this school.
    expect(await read((m) => copy.rolesHeldAt(m, 'hana', strive, '2025-06-30'))).toEqual(['teacher']);
  });

  it('answers every transition at some holders in one read, superseded ones marked, nothing of other holders', async () => {
    // Strive's came with the tests above: Ana, the wrong transition, its correction, and Dee's; then Hana's.
    const atStrive = await read((m) => copy.transitionsAt(m, [strive, strive, 'unknown']));
    expect(atStrive.map((t) => [t.role, t.incomingPersonId, t.supersededBy === null]).sort()).toEqual([
      ['assistant_principal', 'dee', true],
      ['principal', 'ana', true],
      ['principal', 'ben', false],
      ['principal', 'cruz', true],
      ['teacher', 'hana', true],
    ]);
    expect(await read((m) => copy.transitionsAt(m, []))).toEqual([]);
  });

  it('answers people by id in one read, leaving out ids it does not know', async () => {
    // Ana and Cruz came with the tests above.
    expect((await read((m) => copy.people(m, ['cruz', 'ana', 'nobody', 'ana']))).map((p) => p.fullName).sort()).toEqual(['Ana Ruiz-Soto', 'Cruz Medina']);
    expect(await read((m) => copy.people(m, []))).toEqual([]);
  });

  it("runs the service's reactions after the copy has the fact, in the same transaction: a failing reaction leaves the copy as it was", async () => {
    reactions.noted.length = 0;
    await deliver(leadershipTransition(school(strive), 'principal', 'cruz', 'ana', '2026-09-01'));
    expect(reactions.noted).toEqual([`principal at ${strive}: copy says ana`]);

    reactions.failing = true;
    await expect(deliver(schoolClosed(strive, city, '2026-12-31'))).rejects.toThrow('reaction failed');
    reactions.failing = false;
    expect(reactions.noted).toEqual([`principal at ${strive}: copy says ana`, `closed ${strive}: copy says 2026-12-31`]);
    expect((await read((m) => copy.school(m, strive)))?.closedOn).toBeNull();
  });

  it('without reactions, keeps the copy all the same', async () => {
    const bare = eventHandlersOf([new DirectoryCopyHandler()]);
    const envelope = schoolClosed(strive, city, '2027-01-31');
    await dataSource.transaction(async (manager) => {
      await bare[envelope.type](envelope, new InboxScope(manager, undefined, 'directory-copy-test', 'topic', 0, '0', 1));
    });
    expect((await read((m) => copy.school(m, strive)))?.closedOn).toBe('2027-01-31');
  });

  it("moves a service's earlier copy of the same columns into its tables and drops it; down recreates and refills it", async () => {
    const earlierPeople = new Table({
      name: 'earlier_known_person',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'fullName', type: 'varchar', length: '200' },
      ],
    });
    const runner = dataSource.createQueryRunner();
    try {
      await runner.createTable(earlierPeople);
      await insertRows(dataSource, 'earlier_known_person', [{ id: 'hal', fullName: 'Hal Ortiz' }]);
      await moveEarlierCopy(runner, { person: 'earlier_known_person' });
      expect(await runner.hasTable('earlier_known_person')).toBe(false);
      expect(await read((m) => copy.person(m, 'hal'))).toEqual({ id: 'hal', fullName: 'Hal Ortiz' });

      await restoreEarlierCopy(runner, { person: 'earlier_known_person' });
      expect(await runner.manager.query('SELECT id, fullName FROM earlier_known_person ORDER BY id')).toEqual([
        { id: 'ana', fullName: 'Ana Ruiz-Soto' },
        { id: 'cruz', fullName: 'Cruz Medina' },
        { id: 'hal', fullName: 'Hal Ortiz' },
      ]);
    } finally {
      await runner.release();
    }
  });
});

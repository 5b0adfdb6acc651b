// Distinct reach over any period from the monthly rows (src/programs/reached-month.entity.ts), on MariaDB (mysql) and
// on the embedded SQLite: periods that start and end mid-month, people reached in one month and again later,
// in two cities, attendance corrections back and forth, a reschedule into another month. Every answer is
// compared with distinct counts taken straight from the participation rows, one period by hand as well; the
// months the handlers kept equal those the migration fills from the participation rows; and the story
// applied again into emptied tables gives the same answers.
import 'reflect-metadata';
import { CityCreated, SchoolCreated } from '@crosswalk/contracts';
import { type InboxContext, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabaseOf, undoMigrationsThrough } from '@crosswalk/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { METRICS_MIGRATIONS } from '../migrations';
import { METRICS_ENTITIES } from '../src/app.module';
import { CitiesHandler } from '../src/cities/cities.handler';
import { METRICS_CONSUMER } from '../src/consumers';
import { ProgramsHandler } from '../src/programs/programs.handler';
import { ProgramMetrics } from '../src/programs/programs.service';
import { ReachedMonth, ReachedMonthCount } from '../src/programs/reached-month.entity';
import { type SchoolReach, type SchoolReachFacts, schoolReach } from '../src/programs/reach.rules';
import type { Period } from '../src/reporting/period.rules';
import { SchoolsHandler } from '../src/schools/schools.handler';
import { type Published, event } from './network';
import { checkedIn, completed, corrected, person, registered, rescheduled, scheduled, school, spec } from './programs';
import { eventHandlersOf } from './support';

const cA = `1${randomUUID().slice(1)}`;
const cB = `2${randomUUID().slice(1)}`;
const sA = school(cA, 'district');
const sB = school(cB, 'charter');
const sC = school(cA, 'catholic'); // in A's directory, never reached
const q1 = person(`rm-q1-${randomUUID().slice(0, 8)}`, sA, 'principal'); // attends in both cities
const q2 = person(`rm-q2-${randomUUID().slice(0, 8)}`, sA, 'teacher');
const q3 = person(`rm-q3-${randomUUID().slice(0, 8)}`, null, 'teacher', cA);
const q4 = person(`rm-q4-${randomUUID().slice(0, 8)}`, sB, 'teacher');

// City A, at a library (no host school): q1 and q2 in January, q2 again later in January; q1 and q3 in March;
// q2's March attendance corrected to no_show; q3's May event moved to February after the check-in; q1's
// June attendance corrected away and back. City B: q1 (from A) and q4 in March, q4 again in April.
const e1 = spec(cA, 'January', '2025-01-10', null);
const e2 = spec(cA, 'Late January', '2025-01-25', null);
const e3 = spec(cA, 'March', '2025-03-05', null);
const e4 = spec(cA, 'Late March', '2025-03-20', null);
const e5 = spec(cA, 'May, then February', '2025-05-15', null);
const e5Moved = { ...e5, startsOn: '2025-02-14' };
const e6 = spec(cA, 'End of June', '2025-06-30', null);
// Autumn in A, for edges around whole months: q2 and q4 on 09-20 and 11-08 (both edges of 09-10..11-10, no
// month between); q3 on 09-03, moved within the month to 09-25 (its September's last day moves), and on
// 11-25; q1 on 09-02 and 09-28, the latter corrected to no_show (its September's last day goes back).
const g1 = spec(cA, 'September', '2025-09-20', null);
const g2 = spec(cA, 'November', '2025-11-08', null);
const g3 = spec(cA, 'Early September, then late', '2025-09-03', null);
const g3Moved = { ...g3, startsOn: '2025-09-25' };
const g4 = spec(cA, 'Late November', '2025-11-25', null);
const g5 = spec(cA, 'Start of September', '2025-09-02', null);
const g6 = spec(cA, 'End of September', '2025-09-28', null);
const f1 = spec(cB, 'B in March', '2025-03-10', null);
const f2 = spec(cB, 'B in April', '2025-04-02', null);

const attended = (e: typeof e1, people: (typeof q1)[]): Published[] => [
  scheduled(e, '2024-12-01T10:00:00Z'),
  ...people.map((p) => registered(e, p, '2024-12-02T10:00:00Z')),
  ...people.map((p) => checkedIn(e, p)),
];

const STORY: Published[] = [
  event(CityCreated, cA, cA, { cityId: cA, name: 'Alpha', state: 'CO' }, '2024-01-03T09:00:00Z'),
  event(CityCreated, cB, cB, { cityId: cB, name: 'Beta', state: 'CA' }, '2024-01-03T09:01:00Z'),
  ...[sA, sB, sC].map((s, i) =>
    event(SchoolCreated, s.schoolId, s.cityId, { ...s, name: `School ${i}`, organizationId: null, ncesId: null }, '2024-01-05T09:00:00Z'),
  ),
  ...attended(e1, [q1, q2]),
  ...attended(e2, [q2]),
  ...attended(e3, [q1, q3]),
  ...attended(e4, [q2]),
  corrected(e4, q2, 'attended', 'no_show', '2025-03-21T10:00:00Z'),
  ...attended(e5, [q3]),
  rescheduled(e5, '2025-05-15', '2025-02-14', '2025-05-15T18:00:00Z'),
  completed(e5Moved),
  ...attended(e6, [q1]),
  corrected(e6, q1, 'attended', 'no_show', '2025-07-01T10:00:00Z'),
  corrected(e6, q1, 'no_show', 'attended', '2025-07-02T10:00:00Z'),
  ...attended(f1, [q1, q4]),
  ...attended(f2, [q4]),
  ...attended(g1, [q2, q4]),
  ...attended(g2, [q2, q4]),
  ...attended(g3, [q3]),
  rescheduled(g3, '2025-09-03', '2025-09-25', '2025-09-04T18:00:00Z'),
  completed(g3Moved),
  ...attended(g4, [q3]),
  ...attended(g5, [q1]),
  ...attended(g6, [q1]),
  corrected(g6, q1, 'attended', 'no_show', '2025-09-29T10:00:00Z'),
];

const PERIODS: Period[] = [
  {},
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-01-15', to: '2025-03-10' },
  { from: '2025-01-26', to: '2025-03-04' },
  { from: '2025-02-01', to: '2025-02-28' },
  { from: '2025-03-06', to: '2025-03-19' },
  { from: '2025-03-05', to: '2025-04-30' },
  { from: '2025-01-11' },
  { to: '2025-03-05' },
  { to: '2025-02-13' },
  { from: '2025-06-30', to: '2025-06-30' },
  { from: '2025-09-10', to: '2025-11-10' },
  { from: '2025-09-21', to: '2025-11-30' },
  { from: '2025-09-26', to: '2025-12-31' },
  { from: '2025-09-01', to: '2025-11-07' },
  { from: '2025-09-04', to: '2025-10-31' },
  { from: '2025-01-15', to: '2025-11-24' },
  { from: '2025-09-03', to: '2025-11-08' },
];

interface Distinct {
  participants: number;
  schools: number;
  schoolLeaders: number;
}

describe.each(['mysql', 'sqlite'] as const)('distinct reach from the months on %s', (kind) => {
  let drop: () => Promise<void>;
  let dataSource: DataSource;
  let metrics: ProgramMetrics;

  const tell = async (story: Published[]): Promise<void> => {
    const handlers = eventHandlersOf([new CitiesHandler(), new SchoolsHandler(), new ProgramsHandler()]);
    for (const { envelope } of story) {
      const handler = handlers[envelope.type];
      if (!handler) throw new Error(`No handler for ${envelope.type}`);
      await dataSource.transaction(async (manager) => {
        await handler(envelope, { manager } as InboxContext);
      });
    }
  };

  /** Distinct counts straight from the participation rows: per city, and all cities together (''). */
  const fromParticipation = async (period: Period): Promise<Map<string, Distinct & { schoolAttendances: number; newParticipants: number }>> => {
    const bounds = [period.from ?? '1000-01-01', period.to ?? '9999-12-31'];
    const raw = (sql: string, parameters: unknown[]) => dataSource.query<Record<string, string | number>[]>(sql, parameters);
    const counts = `COUNT(DISTINCT p.personKey) AS participants, COUNT(DISTINCT p.schoolKey) AS schools,
      COUNT(DISTINCT p.leaderKey) AS schoolLeaders, COUNT(p.schoolKey) AS schoolAttendances`;
    const [perCity, together, firsts] = await Promise.all([
      raw(
        `SELECT c.externalId AS cityId, ${counts} FROM metrics_pd_participation p JOIN metrics_pd_subject c ON c.subjectKey = p.cityKey
          WHERE p.startsOn >= ? AND p.startsOn <= ? GROUP BY c.externalId`,
        bounds,
      ),
      raw(`SELECT '' AS cityId, ${counts} FROM metrics_pd_participation p WHERE p.startsOn >= ? AND p.startsOn <= ?`, bounds),
      raw(
        `SELECT c.externalId AS cityId, COUNT(*) AS n FROM (SELECT cityKey, personKey, MIN(startsOn) AS firstOn FROM metrics_pd_participation GROUP BY cityKey, personKey) f
           JOIN metrics_pd_subject c ON c.subjectKey = f.cityKey WHERE f.firstOn >= ? AND f.firstOn <= ? GROUP BY c.externalId`,
        bounds,
      ),
    ]);
    const newIn = new Map(firsts.map((r) => [String(r.cityId), Number(r.n)]));
    return new Map(
      [...perCity, ...together].map((r) => [
        String(r.cityId),
        {
          participants: Number(r.participants),
          schools: Number(r.schools),
          schoolLeaders: Number(r.schoolLeaders),
          schoolAttendances: Number(r.schoolAttendances),
          newParticipants: newIn.get(String(r.cityId)) ?? 0,
        },
      ]),
    );
  };

  /**
   * Each city's school figures worked out from the participation rows and the directory (no closures in this
   * story) by the rule spelled out over the facts, not by the database's counts.
   */
  const schoolsFromParticipation = async (period: Period): Promise<Map<string, SchoolReach>> => {
    const bounds = [period.from ?? '1000-01-01', period.to ?? '9999-12-31'];
    const raw = (sql: string, parameters: unknown[] = []) => dataSource.query<Record<string, string | number | null>[]>(sql, parameters);
    const [attended, firsts, directory] = await Promise.all([
      raw(
        `SELECT c.externalId AS cityId, p.schoolKey AS schoolKey, COUNT(*) AS n FROM metrics_pd_participation p JOIN metrics_pd_subject c ON c.subjectKey = p.cityKey
          WHERE p.schoolKey IS NOT NULL AND p.startsOn >= ? AND p.startsOn <= ? GROUP BY c.externalId, p.schoolKey`,
        bounds,
      ),
      raw(
        `SELECT c.externalId AS cityId, p.schoolKey AS schoolKey, MIN(p.startsOn) AS firstOn FROM metrics_pd_participation p
           JOIN metrics_pd_subject c ON c.subjectKey = p.cityKey WHERE p.schoolKey IS NOT NULL GROUP BY c.externalId, p.schoolKey`,
      ),
      raw(
        `SELECT k.cityId AS cityId, k.schoolId AS schoolId, s.subjectKey AS schoolKey FROM metrics_known_school k
           LEFT JOIN metrics_pd_subject s ON s.kind = 'school' AND s.externalId = k.schoolId`,
      ),
    ]);
    const cityIds = new Set([...attended, ...firsts, ...directory].map((r) => String(r.cityId)));
    const facts = (cityId: string): SchoolReachFacts => ({
      attendancesBySchool: new Map(attended.filter((r) => r.cityId === cityId).map((r) => [String(r.schoolKey), Number(r.n)])),
      firstReachedOn: new Map(firsts.filter((r) => r.cityId === cityId).map((r) => [String(r.schoolKey), String(r.firstOn)])),
      directorySchools: directory
        .filter((r) => r.cityId === cityId)
        .map((r) => (r.schoolKey === null ? `unreached:${String(r.schoolId)}` : String(r.schoolKey))),
    });
    return new Map([...cityIds].map((cityId) => [cityId, schoolReach(facts(cityId), period)]));
  };

  /** Every period's network and reach answers, for comparing two states. */
  const answers = async (): Promise<unknown[]> => {
    const all: unknown[] = [];
    for (const period of PERIODS) all.push(await metrics.network(undefined, period), await metrics.reach(undefined, period));
    return all;
  };

  const monthRows = async (): Promise<unknown[]> => [
    await dataSource.getRepository(ReachedMonth).find({ order: { scopeKey: 'ASC', subjectKind: 'ASC', subjectKey: 'ASC', month: 'ASC' } }),
    (await dataSource.getRepository(ReachedMonthCount).find({ order: { scopeKey: 'ASC', subjectKind: 'ASC', month: 'ASC', previousMonth: 'ASC' } })).filter(
      (row) => row.subjects !== 0,
    ),
  ];

  beforeAll(async () => {
    const database = await createTestDatabaseOf(kind, 'metrics_reach_months');
    drop = database.drop;
    dataSource = await openServiceDatabase({
      service: 'metrics',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...METRICS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS],
    });
    metrics = new ProgramMetrics(dataSource);
    // Twice over: a record applied again changes nothing.
    await tell([...STORY, ...STORY]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  it('counts a period that starts and ends mid-month as worked out by hand', async () => {
    const period = { from: '2025-01-15', to: '2025-03-10' };
    // A: q2 (01-25), q3 (02-14, moved from May), q1 and q3 (03-05); q2's 03-20 is after the end and no_show
    // anyway. B: q1 and q4 (03-10). Together q1..q4 once each; schools sA (A and B) and sB; leader q1.
    const network = await metrics.network(undefined, period);
    const reach = (cityId: string) => network.items.find((item) => item.cityId === cityId);
    expect(reach(cA)).toMatchObject({ participants: 3, schools: 1, schoolLeaders: 1, attendances: 4 });
    expect(reach(cB)).toMatchObject({ participants: 2, schools: 2, schoolLeaders: 1, attendances: 2 });
    expect(network.totals).toMatchObject({ participants: 4, schools: 2, schoolLeaders: 1 });
    const [alpha, beta] = await metrics.reach([cA, cB], period);
    // q3 is new in A (first seen 02-14); q1 and q2 were first seen on 01-10. Both of B's are new there.
    expect(alpha).toMatchObject({ cityId: cA, participants: 3, newParticipants: 1, repeatParticipants: 2, schools: 1, schoolAttendances: 2 });
    expect(beta).toMatchObject({ cityId: cB, participants: 2, newParticipants: 2, repeatParticipants: 0, schools: 2, schoolAttendances: 2 });
  });

  it('counts edges around a whole month from the month rows as worked out by hand', async () => {
    const period = { from: '2025-09-10', to: '2025-11-10' };
    // Only October is whole, and no one came then. q2 and q4 on both edges, once each; q3 on 09-25 (moved
    // there from 09-03); q1 on 09-02 only (09-28 corrected away). Schools sA (q2) and sB (q4); no leader.
    const network = await metrics.network(undefined, period);
    expect(network.items.find((item) => item.cityId === cA)).toMatchObject({ participants: 3, schools: 2, schoolLeaders: 0 });
    expect(network.totals).toMatchObject({ participants: 3, schools: 2, schoolLeaders: 0 });
    // Without the edge days: nobody.
    expect((await metrics.network(undefined, { from: '2025-09-29', to: '2025-11-07' })).totals).toMatchObject({ participants: 0, schools: 0 });
  });

  it('answers every period as distinct counts over the participation rows would', async () => {
    for (const period of PERIODS) {
      const expected = await fromParticipation(period);
      const zero = { participants: 0, schools: 0, schoolLeaders: 0, schoolAttendances: 0, newParticipants: 0 };
      const network = await metrics.network(undefined, period);
      for (const item of network.items) {
        const { participants, schools, schoolLeaders } = expected.get(item.cityId) ?? zero;
        expect({ period, cityId: item.cityId, participants: item.participants, schools: item.schools, schoolLeaders: item.schoolLeaders }).toEqual({
          period,
          cityId: item.cityId,
          participants,
          schools,
          schoolLeaders,
        });
      }
      const { participants, schools, schoolLeaders } = expected.get('') ?? zero;
      expect({ period, ...network.totals }).toMatchObject({ period, participants, schools, schoolLeaders });
      // Both cities named (a token for several cities) count them together from the participation rows.
      expect({ period, ...(await metrics.network([cA, cB], period)).totals }).toMatchObject({ period, participants, schools, schoolLeaders });
      for (const item of await metrics.reach(undefined, period)) {
        const e = expected.get(item.cityId) ?? zero;
        expect({
          period,
          cityId: item.cityId,
          participants: item.participants,
          newParticipants: item.newParticipants,
          schools: item.schools,
          schoolAttendances: item.schoolAttendances,
        }).toEqual({
          period,
          cityId: item.cityId,
          participants: e.participants,
          newParticipants: e.newParticipants,
          schools: e.schools,
          schoolAttendances: e.schoolAttendances,
        });
      }
    }
  });

  it('gives every period the school figures worked out from the participation rows and the directory', async () => {
    for (const period of PERIODS) {
      const expected = await schoolsFromParticipation(period);
      const items = await metrics.reach(undefined, period);
      expect(items.map((item) => item.cityId).sort()).toEqual([cA, cB].sort());
      for (const item of items) {
        const { cityId, schools, newSchools, repeatSchools, schoolAttendances, topSchools, topSchoolsShare, schoolsInCity, neverReached } = item;
        const figures = { schools, newSchools, repeatSchools, schoolAttendances, topSchools, topSchoolsShare, schoolsInCity, neverReached };
        expect({ period, cityId, ...figures }).toEqual({ period, cityId, ...expected.get(cityId) });
      }
    }
    // Worked out by hand for all of 2025 in A: sA (q1 on 01-10, 03-05, 06-30 and 09-02; q2 on 01-10, 01-25,
    // 09-20 and 11-08: 8) and sB (q4 on 09-20 and 11-08: 2); the top one of two gives 8 of 10; sC never.
    const [alpha] = await metrics.reach([cA], { from: '2025-01-01', to: '2025-12-31' });
    expect(alpha).toMatchObject({ schools: 2, schoolAttendances: 10, topSchools: 1, topSchoolsShare: 0.8, schoolsInCity: 2, neverReached: 1 });
  });

  it('keeps the same months as the migration fills from the participation rows', async () => {
    const kept = await monthRows();
    expect((kept[0] as unknown[]).length).toBeGreaterThan(0);
    await undoMigrationsThrough(dataSource, 'ReachedMonths1797200000000');
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await monthRows()).toEqual(kept);
  });

  it('gives identical answers when the story is applied again into emptied tables', async () => {
    const before = await answers();
    await dataSource.transaction(async (manager) => {
      for (const table of METRICS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
    });
    expect((await metrics.network(undefined, {})).totals.participants).toBe(0);
    await tell(STORY);
    expect(await answers()).toEqual(before);
  });
});

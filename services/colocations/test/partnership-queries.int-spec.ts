// What a partnership answer costs the database, measured: the colocations service in-process on MariaDB and the
// dev Kafka cluster, 200 partnerships of 400 schools with principals, some awaiting recommitment, one school's
// principal corrected and one left vacant. Every SQL statement the service sends while serving a request is
// recorded (a TypeORM subscriber keyed by the request id), so the counts below are the real ones.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, signToken } from '@crosswalk/auth';
import { type EventEnvelope, PartnershipFormed, type SchoolSector } from '@crosswalk/contracts';
import { type EventWire, type RunningApp, RequestQueryLog, type ServiceUnderTest, TEST_JWT_SECRET, pollUntil, startServiceUnderTest } from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { COLOCATIONS_SERVICE } from '../src/colocations.definition';
import { cityCreated, daysFromToday, personCreated, principalTransition, schoolCreated } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const ADMIN = signToken({ subject: 'network_admin-1', role: 'network_admin' }, AUTH);
const PARTNERSHIPS = 200;
const MAX_QUERIES = 5;

const city = randomUUID();
// Two schools of different sectors per partnership, each with its own principal.
const schools = Array.from({ length: 2 * PARTNERSHIPS }, (_, i) => ({ id: randomUUID(), sector: (i % 2 === 0 ? 'district' : 'charter') as SchoolSector }));
const principals = schools.map(() => randomUUID());
const successors = Array.from({ length: 10 }, () => randomUUID());

interface PartnershipView {
  id: string;
  status: string;
  members: {
    schoolId: string;
    champion: { personId: string; fullName: string | null } | null;
    pendingRecommitment: { incomingPersonId: string | null } | null;
  }[];
  history: { to: string }[];
}
interface Page {
  items: PartnershipView[];
  nextCursor: string | null;
}

describe('partnership answers in a bounded number of queries', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;
  let queryLog: RequestQueryLog;
  const formed: string[] = [];

  /** The answer to GET `path` and every statement the service sent to serve it. */
  const measured = async <T>(path: string): Promise<{ body: T; queries: readonly string[] }> => {
    const requestId = randomUUID();
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}`, 'x-request-id': requestId } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return { body: (await response.json()) as T, queries: queryLog.queriesOf(requestId) };
  };
  /** POSTs `body` and answers the created record's id. */
  const created = async (path: string, body: unknown): Promise<string> => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  const rows = async (table: string): Promise<number> =>
    Number((await service.app.get(DataSource).query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    underTest = await startServiceUnderTest(COLOCATIONS_SERVICE, {
      database: 'colocations_queries',
      env: { COLOCATION_GRACE_PERIOD_DAYS: '30', COLOCATION_GRACE_CHECK_INTERVAL_SECONDS: '0' },
      wire: { read: [PartnershipFormed.topic], clientId: 'colocations-test' },
    });
    ({ service, wire } = underTest);
    queryLog = RequestQueryLog.attach(service.app.get(DataSource));
    await wire.publish(
      cityCreated(city, 'Denver', 'CO'),
      ...schools.map((s, i) => schoolCreated(s.id, city, `School ${i + 1}`, s.sector)),
      ...[...principals, ...successors].map((p, i) => personCreated(p, `Person ${i + 1}`)),
      ...schools.map((s, i) => principalTransition(s.id, city, null, principals[i], '2024-07-01')),
    );
    await pollUntil(
      async () => [
        await rows('directory_copy_school'),
        await rows('directory_copy_person'),
        await rows('directory_copy_role_transition'),
        await rows('directory_copy_city'),
      ],
      ([known, people, transitions, cities]) =>
        known === schools.length && people === principals.length + successors.length && transitions === schools.length && cities === 1,
      { timeoutMs: 60_000, description: 'the local copy knows the city, every school, person and principal' },
    );
    const site = await created('/v1/sites', { name: 'Big Campus', cityId: city });
    for (let p = 0; p < PARTNERSHIPS; p += 1) {
      formed.push(await created('/v1/colocations', { siteId: site, memberSchoolIds: [schools[2 * p].id, schools[2 * p + 1].id], startedOn: '2025-08-15' }));
    }

    // After the partnerships formed: ten new principals (waiting for recommitment), an appointment corrected to
    // someone else, and a principal leaving the role vacant.
    const changes: EventEnvelope<object>[] = successors.map((person, i) =>
      principalTransition(schools[2 * i].id, city, principals[2 * i], person, daysFromToday(-3)),
    );
    const appointment = principalTransition(schools[41].id, city, principals[41], successors[0], daysFromToday(-4));
    const correction = principalTransition(
      schools[41].id,
      city,
      principals[41],
      successors[1],
      daysFromToday(-4),
      (appointment.payload as { transitionId: string }).transitionId,
    );
    const vacancy = principalTransition(schools[61].id, city, principals[61], null, daysFromToday(-2));
    await wire.publish(...changes, appointment, correction, vacancy);
    await pollUntil(
      async () => (await measured<Page>(`/v1/colocations?cityId=${city}&status=awaiting_recommitment&limit=200`)).body.items.map((p) => p.id),
      (awaiting) => awaiting.length === 12 && awaiting.includes(formed[20]) && awaiting.includes(formed[30]),
      { timeoutMs: 60_000, description: 'the principal changes put their partnerships up for recommitment' },
    );
    await pollUntil(
      async () =>
        (await measured<PartnershipView>(`/v1/colocations/${formed[20]}`)).body.members.find((m) => m.schoolId === schools[41].id)?.pendingRecommitment
          ?.incomingPersonId,
      (incoming) => incoming === successors[1],
      { timeoutMs: 60_000, description: 'the correction replaces the pending request' },
    );
  });

  afterAll(() => underTest?.stop());

  it(`lists a page of ${PARTNERSHIPS} partnerships in at most ${MAX_QUERIES} queries, no more than a page of 1`, async () => {
    const one = await measured<Page>(`/v1/colocations?cityId=${city}&limit=1`);
    const all = await measured<Page>(`/v1/colocations?cityId=${city}&limit=${PARTNERSHIPS}`);
    expect(one.body.items.map((p) => p.id)).toEqual([formed[0]]);
    expect(all.body).toMatchObject({ nextCursor: null });
    expect(all.body.items.map((p) => p.id)).toEqual(formed);
    expect(one.queries.length).toBeLessThanOrEqual(MAX_QUERIES);
    expect(all.queries.length).toBeLessThanOrEqual(MAX_QUERIES);
    expect(all.queries.length).toBe(one.queries.length);
  });

  it(`answers one partnership in at most ${MAX_QUERIES} queries, exactly as the list shows it`, async () => {
    const { body: page } = await measured<Page>(`/v1/colocations?cityId=${city}&limit=${PARTNERSHIPS}`);
    const listed = new Map(page.items.map((p) => [p.id, p]));
    for (const id of [formed[0], formed[5], formed[20], formed[30], formed[PARTNERSHIPS - 1]]) {
      const { body, queries } = await measured<PartnershipView>(`/v1/colocations/${id}`);
      expect(body).toEqual(listed.get(id));
      expect(queries.length).toBeLessThanOrEqual(MAX_QUERIES);
    }
  });

  it('shows each member its current champion and pending recommitment from the batched reads', async () => {
    const { body: page } = await measured<Page>(`/v1/colocations?cityId=${city}&limit=${PARTNERSHIPS}`);
    const byId = new Map(page.items.map((p) => [p.id, p]));
    const waiting = byId.get(formed[5]) as PartnershipView;
    expect(waiting).toMatchObject({ status: 'awaiting_recommitment', history: [{ to: 'active' }, { to: 'awaiting_recommitment' }] });
    expect(waiting.members.find((m) => m.schoolId === schools[10].id)).toMatchObject({
      champion: { personId: successors[5] },
      pendingRecommitment: { incomingPersonId: successors[5] },
    });
    expect(waiting.members.find((m) => m.schoolId === schools[11].id)).toMatchObject({ champion: { personId: principals[11] }, pendingRecommitment: null });
    // The correction, not the appointment it superseded, names the champion; a vacancy leaves none.
    expect((byId.get(formed[20]) as PartnershipView).members.find((m) => m.schoolId === schools[41].id)?.champion).toEqual({
      personId: successors[1],
      fullName: 'Person 402',
    });
    expect((byId.get(formed[30]) as PartnershipView).members.find((m) => m.schoolId === schools[61].id)?.champion).toBeNull();
    expect((byId.get(formed[199]) as PartnershipView).members.map((m) => m.champion?.personId).sort()).toEqual([principals[398], principals[399]].sort());
  });
});

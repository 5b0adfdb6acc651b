// The colocations service in-process on MariaDB and the dev Kafka cluster. The schools service is played by
// this test: it produces directory and leadership envelopes straight to their topics, and the service must
// learn schools, people and principals from them alone, move partnerships through their status machine, and
// publish what happened on colocations.partnerships.v1.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { type EventEnvelope, PartnershipFormed } from '@crosswalk/contracts';
import { collectEventHandlers, replayConsumer } from '@crosswalk/messaging';
import { logLevel } from 'kafkajs';
import {
  type DevKafkaCluster,
  type EventWire,
  type RunningApp,
  type ServiceUnderTest,
  TEST_JWT_SECRET,
  pollUntil,
  startServiceUnderTest,
  inboxOutcomeCount,
} from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { COLOCATIONS_SERVICE } from '../src/colocations.definition';
import { COLOCATIONS_CONSUMER } from '../src/consumers';
import { cityCreated, daysFromToday, personCreated, principalTransition, schoolClosed, schoolCreated } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const GRACE_DAYS = 30;

const denver = randomUUID();
const oakland = randomUUID();
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const ANALYST = token('analyst');

// Denver: a district, two charters and a Catholic school; Oakland: a district and a charter.
const [lincoln, strive, kipp, stRose, oakDistrict, oakCharter] = Array.from({ length: 6 }, () => randomUUID());
const [ana, ben, cruz, dee, eli] = Array.from({ length: 5 }, () => randomUUID());

interface Member {
  schoolId: string;
  name: string;
  sector: string;
  champion: { personId: string; fullName: string | null } | null;
  pendingRecommitment: { transitionId: string; effectiveDate: string; dueBy: string; outgoingPersonId: string | null; incomingPersonId: string | null } | null;
}
interface Partnership {
  id: string;
  cityId: string;
  status: string;
  endedOn: string | null;
  members: Member[];
  history: { from: string | null; to: string; cause: string; schoolId: string | null; transitionId: string | null; effectiveDate: string }[];
}

describe('colocation partnerships', () => {
  let underTest: ServiceUnderTest;
  let cluster: DevKafkaCluster;
  let service: RunningApp;
  let wire: EventWire;

  const call = async (method: string, path: string, bearer: string | null, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ok = async <T>(method: string, path: string, body?: unknown, bearer: string = ADMIN): Promise<T> => {
    const response = await call(method, path, bearer, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const partnership = (id: string) => ok<Partnership>('GET', `/v1/colocations/${id}`);
  const member = (p: Partnership, schoolId: string) => p.members.find((m) => m.schoolId === schoolId) as Member;
  const count = async (sql: string): Promise<number> => Number((await service.app.get(DataSource).query<{ n: string }[]>(sql))[0].n);
  const duplicatesSeen = (): Promise<number> => inboxOutcomeCount(service.url, COLOCATIONS_CONSUMER.consumer, 'duplicate');
  const eventsOf = (partnershipId: string, type?: string): EventEnvelope<Record<string, unknown>>[] =>
    wire.published.filter((e) => e.key === partnershipId && (type === undefined || e.type === type));

  let site: { id: string };
  let otherSite: { id: string };
  let first: Partnership; // Lincoln (district) + STRIVE (charter)
  let second: Partnership; // KIPP (charter) + St Rose (catholic)
  let oaklandPartnership: Partnership;
  let firstTransition: EventEnvelope<object>;

  beforeAll(async () => {
    underTest = await startServiceUnderTest(COLOCATIONS_SERVICE, {
      database: 'colocations_partnerships',
      env: { COLOCATION_GRACE_PERIOD_DAYS: String(GRACE_DAYS), COLOCATION_GRACE_CHECK_INTERVAL_SECONDS: '0' },
      wire: { read: [PartnershipFormed.topic], clientId: 'colocations-test' },
    });
    ({ cluster, service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      schoolCreated(lincoln, denver, 'Lincoln Elementary', 'district'),
      schoolCreated(strive, denver, 'STRIVE Prep Federal', 'charter'),
      schoolCreated(kipp, denver, 'KIPP Sunshine Peak', 'charter'),
      schoolCreated(stRose, denver, 'St Rose of Lima', 'catholic'),
      schoolCreated(oakDistrict, oakland, 'Oakland Tech', 'district'),
      schoolCreated(oakCharter, oakland, 'Oakland Charter Academy', 'charter'),
      personCreated(ana, 'Ana Ruiz'),
      personCreated(ben, 'Ben Okafor'),
      personCreated(cruz, 'Cruz Medina'),
      personCreated(dee, 'Dee Park'),
      personCreated(eli, 'Eli Stone'),
      principalTransition(lincoln, denver, null, ana, '2024-07-01'),
      principalTransition(strive, denver, null, ben, '2024-07-01'),
    );
    await pollUntil(
      async () => [
        await count('SELECT COUNT(*) AS n FROM directory_copy_school'),
        await count('SELECT COUNT(*) AS n FROM directory_copy_person'),
        await count('SELECT COUNT(*) AS n FROM directory_copy_role_transition'),
        await count('SELECT COUNT(*) AS n FROM directory_copy_city'),
      ],
      ([schools, people, transitions, cities]) => schools === 6 && people === 5 && transitions === 2 && cities === 2,
      { timeoutMs: 60_000, description: 'the local copy knows the cities, schools, people and principals' },
    );
    site = await ok('POST', '/v1/sites', { name: 'Federal Campus', cityId: denver, address: '2285 S Federal Blvd' });
    otherSite = await ok('POST', '/v1/sites', { name: 'Fruitvale Campus', cityId: oakland });
  });

  afterAll(() => underTest?.stop());

  it('forms a partnership of schools of two sectors, with each school principal as its champion', async () => {
    first = await ok('POST', '/v1/colocations', {
      siteId: site.id,
      memberSchoolIds: [lincoln, strive],
      startedOn: '2025-08-15',
      commitments: ['shared_pd', 'shared_spaces'],
      otherCommitments: 'Joint family nights',
    });
    expect(first).toMatchObject({
      siteId: site.id,
      cityId: denver,
      status: 'active',
      startedOn: '2025-08-15',
      endedOn: null,
      commitments: ['shared_pd', 'shared_spaces'],
    });
    expect(member(first, lincoln)).toEqual({
      schoolId: lincoln,
      name: 'Lincoln Elementary',
      sector: 'district',
      champion: { personId: ana, fullName: 'Ana Ruiz' },
      pendingRecommitment: null,
    });
    expect(member(first, strive).champion).toEqual({ personId: ben, fullName: 'Ben Okafor' });
    expect(first.history).toEqual([expect.objectContaining({ from: null, to: 'active', cause: 'formed', effectiveDate: '2025-08-15' })]);
    expect(await ok('GET', `/v1/sites/${site.id}`)).toMatchObject({ id: site.id, name: 'Federal Campus', cityId: denver, address: '2285 S Federal Blvd' });
  });

  it('refuses members of one sector, repeated, unknown, or in another city, naming the field', async () => {
    const refused = async (memberSchoolIds: string[], message: RegExp) => {
      const response = await call('POST', '/v1/colocations', ADMIN, { siteId: site.id, memberSchoolIds, startedOn: '2025-09-01' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'memberSchoolIds' })] });
      expect(JSON.stringify(response.body)).toMatch(message);
    };
    await refused([strive, kipp], /two different sectors/);
    await refused([strive, strive], /must not repeat/);
    await refused([strive, randomUUID()], /unknown schools/);
    await refused([strive, oakDistrict], /outside the site's city/);
    await refused([strive], /at least 2/);
    const badDate = await call('POST', '/v1/colocations', ADMIN, {
      siteId: site.id,
      memberSchoolIds: [lincoln, strive],
      startedOn: '2025-13-01',
      commitments: ['lunch'],
    });
    expect(badDate.status).toBe(400);
    expect((badDate.body.errors as { field: string }[]).map((f) => f.field).sort()).toEqual(['commitments', 'startedOn']);
    expect((await call('GET', `/v1/colocations/${randomUUID()}`, ADMIN)).status).toBe(404);
  });

  it('waits for a new principal to recommit, and lets only that principal do it', async () => {
    // Recorded by the schools service after the partnership was formed (an earlier one was known when forming).
    firstTransition = principalTransition(lincoln, denver, ana, cruz, daysFromToday(-5));
    await wire.publish(firstTransition);
    const transitionId = (firstTransition.payload as { transitionId: string }).transitionId;
    const awaiting = await pollUntil(
      () => partnership(first.id),
      (p) => p.status === 'awaiting_recommitment',
      { timeoutMs: 30_000, description: 'awaiting_recommitment' },
    );
    expect(member(awaiting, lincoln)).toMatchObject({
      champion: { personId: cruz, fullName: 'Cruz Medina' },
      pendingRecommitment: {
        transitionId,
        effectiveDate: daysFromToday(-5),
        dueBy: daysFromToday(GRACE_DAYS - 5),
        outgoingPersonId: ana,
        incomingPersonId: cruz,
      },
    });
    expect(member(awaiting, strive).pendingRecommitment).toBeNull();

    const outgoing = await call('POST', `/v1/colocations/${first.id}/recommitments`, ADMIN, { schoolId: lincoln, personId: ana });
    expect(outgoing.status).toBe(409);
    expect(outgoing.body).toMatchObject({ code: 'recommitment_refused', title: 'Recommitment refused' });
    expect(outgoing.body.detail).toBe(`Only the current principal of school ${lincoln} (${cruz}) may recommit; ${ana} is not`);
    const notPending = await call('POST', `/v1/colocations/${first.id}/recommitments`, ADMIN, { schoolId: strive, personId: ben });
    expect(notPending.status).toBe(409);
    expect(notPending.body.detail).toBe(`School ${strive} has no recommitment pending`);
    expect((await call('POST', `/v1/colocations/${first.id}/recommitments`, ADMIN, { schoolId: lincoln })).status).toBe(400);

    const recommitted = await ok<Partnership>('POST', `/v1/colocations/${first.id}/recommitments`, { schoolId: lincoln, personId: cruz }, OPERATOR);
    expect(recommitted.status).toBe('active');
    expect(member(recommitted, lincoln).pendingRecommitment).toBeNull();
    expect(recommitted.history.map((h) => [h.from, h.to, h.cause])).toEqual([
      [null, 'active', 'formed'],
      ['active', 'awaiting_recommitment', 'leadership_transition'],
      ['awaiting_recommitment', 'active', 'recommitment'],
    ]);
    expect(recommitted.history[1]).toMatchObject({ schoolId: lincoln, transitionId, effectiveDate: daysFromToday(-5) });
  });

  it('applies a redelivered transition once: the partnership does not wait a second time', async () => {
    const before = await partnership(first.id);
    const duplicates = await duplicatesSeen();
    await wire.publish(firstTransition);
    await pollUntil(duplicatesSeen, (n) => n === duplicates + 1, { timeoutMs: 30_000, description: 'redelivery recognised' });
    expect(await partnership(first.id)).toEqual(before);
    expect(await count(`SELECT COUNT(*) AS n FROM directory_copy_role_transition`)).toBe(3);
  });

  it('lapses a partnership whose new principal did not recommit by dueBy, on evaluation', async () => {
    second = await ok('POST', '/v1/colocations', { siteId: site.id, memberSchoolIds: [kipp, stRose], startedOn: '2025-08-15' });
    expect(member(second, kipp).champion).toBeNull();
    // A first appointment is a transition too, and so is its correction: the corrected one is what is owed.
    const appointment = principalTransition(stRose, denver, null, dee, daysFromToday(-12));
    const appointmentId = (appointment.payload as { transitionId: string }).transitionId;
    const correction = principalTransition(stRose, denver, null, eli, daysFromToday(-10), appointmentId);
    const correctionId = (correction.payload as { transitionId: string }).transitionId;
    await wire.publish(appointment, correction);
    const awaiting = await pollUntil(
      () => partnership(second.id),
      (p) => member(p, stRose).pendingRecommitment?.transitionId === correctionId,
      { timeoutMs: 30_000, description: 'the correction replaces the pending request' },
    );
    const dueBy = daysFromToday(GRACE_DAYS - 10);
    expect(awaiting.status).toBe('awaiting_recommitment');
    expect(member(awaiting, stRose)).toMatchObject({
      champion: { personId: eli, fullName: 'Eli Stone' },
      pendingRecommitment: { dueBy, incomingPersonId: eli },
    });
    // Superseded: Dee is not the principal, whatever the original said.
    expect((await call('POST', `/v1/colocations/${second.id}/recommitments`, ADMIN, { schoolId: stRose, personId: dee })).status).toBe(409);

    expect((await call('POST', '/v1/colocations/grace-period-evaluations', OPERATOR, { asOf: dueBy })).status).toBe(403);
    expect(await ok('POST', '/v1/colocations/grace-period-evaluations', { asOf: dueBy })).toEqual({ asOf: dueBy, lapsed: [] });
    expect(await ok('POST', '/v1/colocations/grace-period-evaluations', {})).toEqual({ asOf: daysFromToday(0), lapsed: [] });
    expect((await call('POST', '/v1/colocations/grace-period-evaluations', ADMIN, { asOf: '2026-02-30x' })).body).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'asOf' }],
    });
    // A day that does not exist, long after the deadline, lapsed the partnership when only a pattern checked it
    // (issue 18): now a 400, and the next real evaluation still finds the partnership pending.
    for (const asOf of ['2099-02-30', '2199-13-01', '9999-12-31']) {
      expect((await call('POST', '/v1/colocations/grace-period-evaluations', ADMIN, { asOf })).body).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'asOf' }],
      });
    }
    const dayAfter = daysFromToday(GRACE_DAYS - 9);
    expect(await ok('POST', '/v1/colocations/grace-period-evaluations', { asOf: dayAfter })).toEqual({ asOf: dayAfter, lapsed: [second.id] });
    expect(await ok('POST', '/v1/colocations/grace-period-evaluations', { asOf: dayAfter })).toEqual({ asOf: dayAfter, lapsed: [] });
    const lapsed = await partnership(second.id);
    expect(lapsed).toMatchObject({ status: 'lapsed', endedOn: dayAfter });
    expect(lapsed.history.at(-1)).toMatchObject({
      from: 'awaiting_recommitment',
      to: 'lapsed',
      cause: 'grace_period_expired',
      schoolId: stRose,
      effectiveDate: dayAfter,
    });
    const late = await call('POST', `/v1/colocations/${second.id}/recommitments`, ADMIN, { schoolId: stRose, personId: eli });
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe('The partnership is lapsed: there is nothing to recommit to');
    expect((await ok<{ items: Partnership[] }>('GET', `/v1/colocations?cityId=${denver}&status=lapsed`)).items.map((p) => p.id)).toEqual([second.id]);
  });

  it('dissolves a partnership when a member school closes', async () => {
    await wire.publish(schoolClosed(strive, denver, daysFromToday(-1)));
    const dissolved = await pollUntil(
      () => partnership(first.id),
      (p) => p.status === 'dissolved',
      { timeoutMs: 30_000, description: 'dissolved' },
    );
    expect(dissolved.endedOn).toBe(daysFromToday(-1));
    expect(dissolved.history.at(-1)).toMatchObject({ from: 'active', to: 'dissolved', cause: 'school_closed', schoolId: strive, transitionId: null });
    const closedMember = await call('POST', '/v1/colocations', ADMIN, { siteId: site.id, memberSchoolIds: [lincoln, strive], startedOn: '2026-01-01' });
    expect(closedMember.status).toBe(400);
  });

  it('publishes every change on colocations.partnerships.v1, keyed by partnership with its city', async () => {
    const types = (id: string) => eventsOf(id).map((e) => [e.type, e.payload.to ?? null]);
    await pollUntil(
      () => types(first.id).length + types(second.id).length,
      (n) => n === 11,
      { timeoutMs: 30_000, description: 'partnership events published' },
    );
    expect(types(first.id)).toEqual([
      ['colocations.partnership.formed', null],
      ['colocations.partnership.recommitment-requested', null],
      ['colocations.partnership.status-changed', 'awaiting_recommitment'],
      ['colocations.partnership.recommitted', null],
      ['colocations.partnership.status-changed', 'active'],
      ['colocations.partnership.status-changed', 'dissolved'],
    ]);
    expect(types(second.id)).toEqual([
      ['colocations.partnership.formed', null],
      ['colocations.partnership.recommitment-requested', null],
      ['colocations.partnership.status-changed', 'awaiting_recommitment'],
      ['colocations.partnership.recommitment-requested', null],
      ['colocations.partnership.status-changed', 'lapsed'],
    ]);
    expect(eventsOf(second.id, 'colocations.partnership.recommitment-requested').map((e) => e.payload.incomingPersonId)).toEqual([dee, eli]);
    expect(eventsOf(second.id, 'colocations.partnership.status-changed').map((e) => [e.payload.from, e.payload.to, e.payload.cause])).toEqual([
      ['active', 'awaiting_recommitment', 'leadership_transition'],
      ['awaiting_recommitment', 'lapsed', 'grace_period_expired'],
    ]);
    expect(eventsOf(first.id, 'colocations.partnership.recommitted')[0].payload).toMatchObject({ schoolId: lincoln, personId: cruz, cityId: denver });
    for (const event of [...eventsOf(first.id), ...eventsOf(second.id)]) expect(event.cityId).toBe(denver);
    // Different keys, possibly different partitions: no order between the two sites.
    const sites = await pollUntil(
      () => wire.published.filter((e) => e.type === 'colocations.site.created'),
      (found) => found.length === 2,
      { description: 'sites published' },
    );
    expect(sites.map((e) => [e.key, e.cityId]).sort()).toEqual(
      [
        [site.id, denver],
        [otherSite.id, oakland],
      ].sort(),
    );
  });

  describe('security: every route x every caller', () => {
    type Caller = 'none' | 'admin' | 'own' | 'other' | 'analyst';
    const bearer: Record<Caller, string | null> = { none: null, admin: ADMIN, own: OPERATOR, other: OPERATOR, analyst: ANALYST };

    beforeAll(async () => {
      oaklandPartnership = await ok('POST', '/v1/colocations', { siteId: otherSite.id, memberSchoolIds: [oakDistrict, oakCharter], startedOn: '2025-08-15' });
    });

    /**
     * Each route as asked about a Denver record (callers none, admin, own, analyst) and about an Oakland
     * record (caller other: the Denver operator reaching into Oakland), with the status each caller gets.
     */
    const routes = (): {
      name: string;
      method: string;
      path: (city: 'denver' | 'oakland') => string;
      body?: (city: 'denver' | 'oakland') => unknown;
      expected: Record<Caller, number>;
    }[] => [
      {
        name: 'POST /v1/sites',
        method: 'POST',
        path: () => '/v1/sites',
        // One site of a name per city: each call names another.
        body: (city) => ({ name: `Annex ${randomUUID().slice(0, 8)}`, cityId: city === 'denver' ? denver : oakland }),
        expected: { none: 401, admin: 201, own: 201, other: 404, analyst: 403 },
      },
      {
        name: 'GET /v1/sites',
        method: 'GET',
        path: (city) => `/v1/sites?cityId=${city === 'denver' ? denver : oakland}`,
        expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
      },
      {
        name: 'GET /v1/sites/:id',
        method: 'GET',
        path: (city) => `/v1/sites/${city === 'denver' ? site.id : otherSite.id}`,
        expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
      },
      {
        name: 'POST /v1/colocations',
        method: 'POST',
        path: () => '/v1/colocations',
        body: (city) =>
          city === 'denver'
            ? { siteId: site.id, memberSchoolIds: [lincoln, kipp], startedOn: '2026-01-01' }
            : { siteId: otherSite.id, memberSchoolIds: [oakDistrict, oakCharter], startedOn: '2026-01-01' },
        // Another city's site is refused exactly like an unknown site: 400 on siteId.
        expected: { none: 401, admin: 201, own: 201, other: 400, analyst: 403 },
      },
      {
        name: 'GET /v1/colocations',
        method: 'GET',
        path: (city) => `/v1/colocations?cityId=${city === 'denver' ? denver : oakland}`,
        expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
      },
      {
        name: 'GET /v1/colocations/:id',
        method: 'GET',
        path: (city) => `/v1/colocations/${city === 'denver' ? first.id : oaklandPartnership.id}`,
        expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
      },
      {
        // Nothing is pending at either: a caller who gets past authorization meets the 409.
        name: 'POST /v1/colocations/:id/recommitments',
        method: 'POST',
        path: (city) => `/v1/colocations/${city === 'denver' ? first.id : oaklandPartnership.id}/recommitments`,
        body: (city) => (city === 'denver' ? { schoolId: lincoln, personId: cruz } : { schoolId: oakDistrict, personId: eli }),
        expected: { none: 401, admin: 409, own: 409, other: 404, analyst: 403 },
      },
      {
        name: 'POST /v1/colocations/grace-period-evaluations',
        method: 'POST',
        // No body at all: as of today.
        path: () => '/v1/colocations/grace-period-evaluations',
        expected: { none: 401, admin: 201, own: 403, other: 403, analyst: 403 },
      },
    ];

    it('gives each caller exactly its status on every route', async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const route of routes()) {
        for (const caller of Object.keys(bearer) as Caller[]) {
          const city = caller === 'other' ? 'oakland' : 'denver';
          const response = await call(route.method, route.path(city), bearer[caller], route.body?.(city));
          seen.push(`${route.name} as ${caller}: ${response.status}`);
          wanted.push(`${route.name} as ${caller}: ${route.expected[caller]}`);
        }
      }
      expect(seen).toEqual(wanted);
    });

    it('lists only the operator own cities when no city is asked for', async () => {
      const sites = await ok<{ items: { cityId: string }[] }>('GET', '/v1/sites', undefined, OPERATOR);
      const partnerships = await ok<{ items: Partnership[] }>('GET', '/v1/colocations', undefined, OPERATOR);
      expect(new Set([...sites.items, ...partnerships.items].map((r) => r.cityId))).toEqual(new Set([denver]));
      const all = await ok<{ items: Partnership[] }>('GET', '/v1/colocations', undefined, ANALYST);
      expect(all.items.map((p) => p.id)).toContain(oaklandPartnership.id);
    });

    it('pages both lists with limit and cursor, within the city asked for', async () => {
      /** Follows nextCursor from the first page to the last, returning each page's ids. */
      type Listed = { items: { id: string; cityId: string }[]; nextCursor: string | null };
      const walk = async (path: string, bearer: string): Promise<string[][]> => {
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const page: Listed = await ok<Listed>('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, undefined, bearer);
          expect(new Set(page.items.map((r) => r.cityId))).toEqual(new Set([denver]));
          pages.push(page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor !== null && pages.length < 20);
        return pages;
      };
      const allSites = (await ok<{ items: { id: string }[]; nextCursor: string | null }>('GET', `/v1/sites?cityId=${denver}`)).items.map((s) => s.id);
      const allPartnerships = (await ok<{ items: Partnership[]; nextCursor: string | null }>('GET', `/v1/colocations?cityId=${denver}`)).items.map((p) => p.id);
      // Federal Campus and the matrix's two annexes; first, second and the matrix's two partnerships.
      expect(allSites).toHaveLength(3);
      expect(allSites).toContain(site.id);
      expect(allPartnerships).toHaveLength(4);
      expect(allPartnerships).toEqual(expect.arrayContaining([first.id, second.id]));

      const sitePages = await walk(`/v1/sites?cityId=${denver}&limit=2`, OPERATOR);
      expect(sitePages.map((p) => p.length)).toEqual([2, 1]);
      expect(sitePages.flat()).toEqual(allSites);
      const partnershipPages = await walk(`/v1/colocations?cityId=${denver}&limit=1`, ANALYST);
      expect(partnershipPages.map((p) => p.length)).toEqual([1, 1, 1, 1]);
      expect(partnershipPages.flat()).toEqual(allPartnerships);

      for (const path of ['/v1/sites', '/v1/colocations']) {
        expect((await call('GET', `${path}?limit=0`, ADMIN)).body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'limit' }] });
        expect((await call('GET', `${path}?limit=201`, ADMIN)).body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'limit' }] });
        expect((await call('GET', `${path}?cursor=not-ours`, ADMIN)).body).toMatchObject({
          status: 400,
          code: 'invalid_cursor',
          errors: [{ field: 'cursor' }],
        });
      }
      expect((await call('GET', '/v1/colocations?status=paused', ADMIN)).body).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'status' }],
      });
    });
  });

  it('rebuilds the local copy by replaying the topics, without touching partnerships or publishing anything', async () => {
    const dataSource = service.app.get(DataSource);
    const copy = () =>
      Promise.all(['directory_copy_school', 'directory_copy_person', 'directory_copy_role_transition'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
    const outboxRows = () => count('SELECT COUNT(*) AS n FROM messaging_outbox');
    const ids = [first.id, second.id, oaklandPartnership.id];
    const partnershipsBefore = await Promise.all(ids.map(partnership));
    const [copyBefore, outboxBefore] = [await copy(), await outboxRows()];
    const handlers = collectEventHandlers(service.app);
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave.
    const result = await replayConsumer({
      consumer: COLOCATIONS_CONSUMER.consumer,
      topics: COLOCATIONS_CONSUMER.topics,
      dataSource,
      brokers: cluster.bootstrapServers,
      handlers,
      reset: async (manager) => {
        for (const table of COLOCATIONS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
      },
      kafka: { logLevel: logLevel.NOTHING },
      group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
      timeoutMs: 60_000,
    });
    // A handler that tried to publish would fail here (a replay has no outbox) and be counted as dead-lettered.
    // 2 cities, 6 schools, 5 people, 5 transitions (one a correction), 1 closure; the redelivered transition once more.
    expect(result).toMatchObject({ applied: 19, duplicates: 1, deadLettered: 0 });
    expect(await copy()).toEqual(copyBefore);
    expect(await outboxRows()).toBe(outboxBefore);
    expect(await Promise.all(ids.map(partnership))).toEqual(partnershipsBefore);
  });

  it('keeps one site of a name per city and refuses a city the directory does not know, writing nothing', async () => {
    const sitesNamed = async (name: string) => count(`SELECT COUNT(*) AS n FROM colocation_site WHERE name = '${name}'`);
    // A city of its own, so the sites do not show in the other tests' lists and counts.
    const aurora = randomUUID();
    await wire.publish(cityCreated(aurora, 'Aurora', 'CO'));
    await pollUntil(
      () => count(`SELECT COUNT(*) AS n FROM directory_copy_city WHERE id = '${aurora}'`),
      (n) => n === 1,
      { timeoutMs: 60_000, description: 'the local copy knows Aurora' },
    );
    const body = { name: 'Montbello Campus', cityId: aurora };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/sites', ADMIN, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'already_exists')).toBe(true);
    expect((await call('POST', '/v1/sites', ADMIN, { ...body, name: ' montbello  CAMPUS' })).status).toBe(409);
    expect(await sitesNamed('Montbello Campus')).toBe(1);
    expect((await call('POST', '/v1/sites', ADMIN, { ...body, cityId: denver })).status).toBe(201);

    const outboxBefore = await count('SELECT COUNT(*) AS n FROM messaging_outbox');
    const orphan = await call('POST', '/v1/sites', ADMIN, { name: 'Nowhere Campus', cityId: randomUUID() });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors).toEqual([{ field: 'cityId', messages: [expect.stringContaining('not known to the directory')] }]);
    expect(await sitesNamed('Nowhere Campus')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM messaging_outbox')).toBe(outboxBefore);
  });
});

/**
 * The product's central promise, end to end through the gateway with every process running: a principal change
 * puts a colocation up for recommitment, the new principal recommits, a chief change shows in the compact, and
 * the metrics count exactly that. Then the metrics service is killed in the middle of a burst of transitions,
 * started again by its supervisor, and its final numbers are still exact.
 */
import { addDays, calendarDateToday } from '@crosswalk/contracts';
import { pollUntil } from '@crosswalk/testing';
import { type Reply, type RunningSystem, call, startSystem, token } from './support';

// Every date is relative to the day the test runs (the UTC calendar day, as the services count "today"), so the
// story holds on any day: the principal change is 60 days ago, well within the grace period (due 30 days from
// now, even if the run crosses midnight), the chief change after it and also in the past, in the same year; the
// history before them is in the three years before that year.
const GRACE_PERIOD_DAYS = 90; // COLOCATION_GRACE_PERIOD_DAYS's default, which npm start runs the colocations service with
const today = calendarDateToday();
const principalChangeOn = addDays(today, -60);
const year = Number(principalChangeOn.slice(0, 4));
const chiefChangeOn = [addDays(principalChangeOn, 30), `${year}-12-31`].sort()[0];
const on = (yearsBefore: number, monthDay: string) => `${year - yearsBefore}-${monthDay}`;
const BURST_YEAR = year + 1;

const admin = token({ role: 'network_admin' });
let system: RunningSystem;
let gw: string;

const post = async (path: string, body: unknown): Promise<Reply> => {
  const reply = await call(gw, path, { method: 'POST', token: admin, body });
  if (reply.status >= 300) throw new Error(`POST ${path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};
const get = (path: string) => call(gw, path, { token: admin });

beforeAll(async () => {
  system = await startSystem();
  gw = system.gateway;
}, 200_000);

afterAll(() => system?.stop());

describe('leadership turnover across services', () => {
  let cityId: string;
  let districtSchool: string;
  let charterSchool: string;

  it('moves a colocation through recommitment and shows the chief change in the compact and the metrics', async () => {
    cityId = (await post('/v1/cities', { name: 'Turnover City', state: 'CO' })).body.id;
    const district = (await post('/v1/organizations', { name: 'Turnover Public Schools', kind: 'district', cityId })).body.id;
    const cmo = (await post('/v1/organizations', { name: 'Bridge Charter Network', kind: 'cmo', cityId })).body.id;
    districtSchool = (await post('/v1/schools', { name: 'Lincoln Elementary', sector: 'district', cityId, organizationId: district })).body.id;
    charterSchool = (await post('/v1/schools', { name: 'Bridge Academy', sector: 'charter', cityId, organizationId: cmo })).body.id;
    const person = async (fullName: string) =>
      (await post('/v1/people', { fullName, email: `${fullName.replace(/ /g, '.').toLowerCase()}@turnover.example` })).body.id as string;
    const [ana, ben, cora, dev, eli, fay] = await Promise.all(['Ana Ruiz', 'Ben Okafor', 'Cora Lee', 'Dev Patel', 'Eli Stone', 'Fay Chen'].map(person));

    await post(`/v1/organizations/${district}/leadership-transitions`, { role: 'chief', incomingPersonId: dev, effectiveDate: on(3, '07-01') });
    await post(`/v1/organizations/${cmo}/leadership-transitions`, { role: 'chief', incomingPersonId: eli, effectiveDate: on(3, '07-01') });
    await post(`/v1/schools/${districtSchool}/leadership-transitions`, { role: 'principal', incomingPersonId: ana, effectiveDate: on(2, '08-01') });
    await post(`/v1/schools/${charterSchool}/leadership-transitions`, { role: 'principal', incomingPersonId: ben, effectiveDate: on(2, '08-01') });
    const compact = (
      await post('/v1/compacts', {
        cityId,
        title: 'Turnover City Collaboration Compact',
        signedOn: on(2, '01-15'),
        signatories: [
          { organizationId: district, personId: dev },
          { organizationId: cmo, personId: eli },
        ],
      })
    ).body;
    expect(compact.signatories.map((s: { roleAtSigning: string; stillInRole: boolean }) => [s.roleAtSigning, s.stillInRole])).toEqual([
      ['chief', true],
      ['chief', true],
    ]);

    // Colocations learns the city over Kafka, and refuses a site in a city it does not know yet.
    const site = await pollUntil(
      () => post('/v1/sites', { name: 'Lincoln Campus', cityId }),
      (answer) => answer.status === 201,
      { timeoutMs: 60_000, description: 'colocations knows the city and takes the site' },
    );
    const siteId = site.body.id;
    // The colocations service learns the schools over Kafka: the partnership can be formed once it has.
    const formed = await pollUntil(
      () =>
        call(gw, '/v1/colocations', {
          method: 'POST',
          token: admin,
          body: { siteId, memberSchoolIds: [districtSchool, charterSchool], startedOn: on(1, '08-15'), commitments: ['shared_pd', 'shared_spaces'] },
        }),
      (reply) => reply.status === 201,
      { timeoutMs: 30_000, description: 'the colocation to be formed' },
    );
    const colocation = formed.body.id as string;
    expect(formed.body.status).toBe('active');

    // The district school's principal changes: the partnership waits for the new principal.
    const change = (
      await post(`/v1/schools/${districtSchool}/leadership-transitions`, {
        role: 'principal',
        incomingPersonId: cora,
        effectiveDate: principalChangeOn,
        reason: 'Principal moved to the district office',
      })
    ).body;
    const awaiting = await pollUntil(
      () => get(`/v1/colocations/${colocation}`),
      (r) => r.body?.status === 'awaiting_recommitment',
      { timeoutMs: 30_000, description: 'awaiting_recommitment' },
    );
    const pending = awaiting.body.members.find((m: { schoolId: string }) => m.schoolId === districtSchool).pendingRecommitment;
    expect(pending).toMatchObject({
      transitionId: change.id,
      effectiveDate: principalChangeOn,
      dueBy: addDays(principalChangeOn, GRACE_PERIOD_DAYS),
      outgoingPersonId: ana,
      incomingPersonId: cora,
    });
    expect(awaiting.body.history.at(-1)).toMatchObject({
      from: 'active',
      to: 'awaiting_recommitment',
      cause: 'leadership_transition',
      schoolId: districtSchool,
      transitionId: change.id,
    });

    // Only the new principal of the pending school may recommit.
    expect(
      (await call(gw, `/v1/colocations/${colocation}/recommitments`, { method: 'POST', token: admin, body: { schoolId: districtSchool, personId: ana } }))
        .status,
    ).toBe(409);
    const recommitted = await post(`/v1/colocations/${colocation}/recommitments`, { schoolId: districtSchool, personId: cora });
    expect(recommitted.body.status).toBe('active');
    expect(recommitted.body.members.find((m: { schoolId: string }) => m.schoolId === districtSchool).champion).toMatchObject({ personId: cora });

    // The district's chief changes: the compact shows who is still in the role they signed in.
    await post(`/v1/organizations/${district}/leadership-transitions`, { role: 'chief', incomingPersonId: fay, effectiveDate: chiefChangeOn });
    const signatories = (await get(`/v1/compacts/${compact.id}`)).body.signatories as {
      organizationId: string;
      stillInRole: boolean;
      currentChief: { personId: string };
    }[];
    expect(signatories.map((s) => [s.organizationId, s.stillInRole, s.currentChief.personId])).toEqual([
      [district, false, fay],
      [cmo, true, eli],
    ]);

    await pollUntil(
      () => get(`/v1/metrics/compacts/${compact.id}`),
      (r) => r.body?.inPost === 1,
      { timeoutMs: 30_000, description: 'compact metrics' },
    ).then((r) => expect(r.body).toMatchObject({ compactId: compact.id, cityId, signatories: 2, inPost: 1, inPostShare: 0.5 }));
    const survival = await pollUntil(
      () => get(`/v1/metrics/colocations?cityId=${cityId}`),
      (r) => r.body?.items?.[0]?.recommitted === 1,
      { timeoutMs: 30_000, description: 'survival metrics' },
    );
    expect(survival.body.items).toEqual([{ cityId, transitionsFaced: 1, recommitted: 1, lapsed: 0, pending: 0, dissolved: 0, survivalShare: 1 }]);
    const leadership = await pollUntil(
      () => get(`/v1/metrics/leadership?cityId=${cityId}`),
      (r) => r.body?.items?.some((i: { year: number; chiefTransitions: number }) => i.year === year && i.chiefTransitions === 1),
      {
        timeoutMs: 30_000,
        description: 'leadership metrics',
      },
    );
    expect(leadership.body.items).toEqual([
      { cityId, year: year - 3, transitions: 0, schoolsWithPrincipal: 0, turnoverRate: null, chiefTransitions: 2 },
      { cityId, year: year - 2, transitions: 2, schoolsWithPrincipal: 2, turnoverRate: 1, chiefTransitions: 0 },
      { cityId, year: year - 1, transitions: 0, schoolsWithPrincipal: 2, turnoverRate: 0, chiefTransitions: 0 },
      { cityId, year, transitions: 1, schoolsWithPrincipal: 2, turnoverRate: 0.5, chiefTransitions: 1 },
    ]);
  });

  it('keeps exact numbers when the metrics service is killed in the middle of a burst of transitions', async () => {
    const school = (await post('/v1/schools', { name: 'Burst Middle School', sector: 'independent', cityId })).body.id as string;
    const people = await Promise.all(
      ['Gil Moss', 'Hal Ode'].map(
        async (n) => (await post('/v1/people', { fullName: n, email: `${n.replace(' ', '.').toLowerCase()}@burst.example` })).body.id as string,
      ),
    );
    const [metricsPid] = system.pidsOf('dist/services/metrics/src/main.js');
    expect(metricsPid).toBeGreaterThan(0);
    const BURST = 100;
    for (let i = 0; i < BURST; i += 1) {
      const day = addDays(`${BURST_YEAR}-01-01`, i);
      await post(`/v1/schools/${school}/leadership-transitions`, { role: 'principal', incomingPersonId: people[i % 2], effectiveDate: day });
      if (i === 30) process.kill(metricsPid, 'SIGKILL');
    }
    // The supervisor started metrics again; its consumer resumes from its last committed offsets.
    await pollUntil(
      () => system.pidsOf('dist/services/metrics/src/main.js'),
      (pids) => pids.length === 1 && pids[0] !== metricsPid,
      { description: 'metrics to be started again' },
    );
    expect(system.output.some((line) => line.includes('metrics exited unexpectedly; starting it again'))).toBe(true);
    const row = await pollUntil(
      async () => ((await get(`/v1/metrics/leadership?cityId=${cityId}`)).body?.items ?? []).find((i: { year: number }) => i.year === BURST_YEAR),
      (r) => r?.transitions === BURST,
      { timeoutMs: 90_000, description: `${BURST} transitions in the ${BURST_YEAR} metrics` },
    );
    // Three schools had a principal in the burst's year: the two colocated ones and the burst school.
    expect(row).toEqual({ cityId, year: BURST_YEAR, transitions: BURST, schoolsWithPrincipal: 3, turnoverRate: 33.3333, chiefTransitions: 0 });
    const earlier = (await get(`/v1/metrics/leadership?cityId=${cityId}`)).body.items.find((i: { year: number }) => i.year === year);
    expect(earlier).toEqual({ cityId, year, transitions: 1, schoolsWithPrincipal: 2, turnoverRate: 0.5, chiefTransitions: 1 });
  });
});

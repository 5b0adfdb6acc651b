// The registration benchmark: `POST /v1/events/:id/registrations` through the gateway, with the whole system
// running as `npm start` runs it (on MariaDB), against a plain directory read (`GET /v1/people/:id`) through
// the same gateway in the same run, at the same concurrency and count.
import { signToken } from '@crosswalk/auth';
import { TEST_SERVER_URL } from '@crosswalk/testing';
import { type Answer, GatewayClient, GatewayError } from './gateway-client';
import { type LoadResult, closedLoop } from './load';
import { expectedPlacements, registrationPlan, seatsPerEvent } from './registration-plan';
import { type Row, latencySummary, rate } from './stats';
import { startSystem } from './system';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 10);
const PD_EVENTS = Number(process.env.BENCH_REGISTRATION_EVENTS ?? 20);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
/** Requests of each kind sent before its clock starts, so neither side pays for code warming up. */
const WARM_UP = Number(process.env.BENCH_REGISTRATION_WARM_UP ?? 200);
/** Each school has had this many principals, a year apart; the last one is in post. */
const PRINCIPALS_PER_SCHOOL = 3;
/** Every tenth person is also an assistant principal somewhere. */
const ASSISTANT_EVERY = 10;
/** How long the events service may take to learn the directory over Kafka. */
const SETTLE_TIMEOUT_MS = 120_000;
const POLL_INTERVAL_MS = 250;
const TODAY = new Date().toISOString().slice(0, 10);

interface Seeded {
  cityId: string;
  personIds: string[];
  /** Indexes of the people who hold a role today, whose registration snapshot should name it. */
  roleHolders: Set<number>;
}

interface Registration {
  status: string;
  snapshot: { role: string | null };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
const email = (person: number) => `bench.person.${person}@bench.example.org`;

/** Retries while the events service has not yet learned (over Kafka) what the request refers to. */
async function eventually<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GatewayError) || ![400, 404, 409].includes(error.status)) throw error;
      if (Date.now() > deadline) throw new Error(`bench: ${what} still refused after ${SETTLE_TIMEOUT_MS} ms: ${error.message}`);
      await pause(POLL_INTERVAL_MS);
    }
  }
}

/** Every person, by the index their email carries. */
async function personIdsByIndex(admin: GatewayClient): Promise<string[]> {
  const ids = new Array<string>(PEOPLE);
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; email: string }[]; nextCursor: string | null } = await admin.json(
      'GET',
      `/v1/people?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    for (const person of page.items) {
      const index = /^bench\.person\.(\d+)@/.exec(person.email);
      if (index) ids[Number(index[1])] = person.id;
    }
    cursor = page.nextCursor;
  } while (cursor);
  const missing = ids.filter((id) => id === undefined).length;
  if (ids.length !== PEOPLE || missing > 0) throw new Error(`bench: ${missing} of ${PEOPLE} imported people were not listed`);
  return ids;
}

/** A city, its schools, the people, and principals (past and present) and assistant principals at the schools. */
async function seedDirectory(admin: GatewayClient): Promise<Seeded> {
  const city = await admin.json<{ id: string }>('POST', '/v1/cities', { name: 'Benchmark City', state: 'CO' });
  const schoolNames = Array.from({ length: SCHOOLS }, (_, s) => `Benchmark School ${s + 1}`);
  await admin.json(
    'POST',
    '/v1/imports?kind=schools',
    csv(
      ['name', 'sector', 'cityId'],
      schoolNames.map((name, s) => [name, s % 2 === 0 ? 'district' : 'charter', city.id]),
    ),
    'text/csv',
  );
  const listed = await admin.json<{ items: { id: string; name: string }[] }>('GET', `/v1/schools?cityId=${city.id}&limit=200`);
  const schoolIds = schoolNames.map((name) => listed.items.find((school) => school.name === name)?.id ?? '');
  await admin.json(
    'POST',
    '/v1/imports?kind=people',
    csv(
      ['fullName', 'email'],
      Array.from({ length: PEOPLE }, (_, p) => [`Benchmark Person ${p}`, email(p)]),
    ),
    'text/csv',
  );
  const personIds = await personIdsByIndex(admin);

  const tenures: string[][] = [];
  const roleHolders = new Set<number>();
  const year = Number(TODAY.slice(0, 4));
  schoolIds.forEach((schoolId, s) => {
    for (let k = 0; k < PRINCIPALS_PER_SCHOOL; k += 1) {
      const person = s * PRINCIPALS_PER_SCHOOL + k;
      if (person >= PEOPLE) return;
      tenures.push([schoolId, '', 'principal', email(person), `${year - PRINCIPALS_PER_SCHOOL + k}-01-15`]);
      if (k === PRINCIPALS_PER_SCHOOL - 1) roleHolders.add(person);
    }
  });
  for (let person = SCHOOLS * PRINCIPALS_PER_SCHOOL; person < PEOPLE; person += 1) {
    if (person % ASSISTANT_EVERY !== ASSISTANT_EVERY - 1) continue;
    tenures.push([schoolIds[person % SCHOOLS], '', 'assistant_principal', email(person), `${year - 1}-08-01`]);
    roleHolders.add(person);
  }
  await admin.json('POST', '/v1/imports?kind=tenures', csv(['schoolId', 'organizationId', 'role', 'personEmail', 'startDate'], tenures), 'text/csv');
  return { cityId: city.id, personIds, roleHolders };
}

/** Polls the events service's local copy of the directory (a transcript is 404 for an unknown person). */
async function untilEventsKnowEveryone(client: GatewayClient, personIds: string[]): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let unknown = personIds;
  while (unknown.length) {
    const asked = await closedLoop(unknown.length, CLIENTS, (i) => client.send('GET', `/v1/transcripts/${unknown[i]}`));
    const failed = asked.answers.find((a) => a.status !== 200 && a.status !== 404);
    if (failed) throw new GatewayError(failed.status, failed.text, 'GET /v1/transcripts/:personId');
    unknown = unknown.filter((_, i) => asked.answers[i].status === 404);
    if (unknown.length === 0) return;
    if (Date.now() > deadline) throw new Error(`bench: the events service still did not know ${unknown.length} people after ${SETTLE_TIMEOUT_MS} ms`);
    await pause(POLL_INTERVAL_MS);
  }
}

function scheduleBody(cityId: string, title: string, capacity: number | undefined) {
  // A month ahead: registration is open, as it is for an upcoming event.
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  return {
    kind: 'workshop',
    title,
    cityId,
    venue: 'Benchmark Hall',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    ...(capacity === undefined ? {} : { capacity }),
    waitlistPolicy: 'coverage_first',
  };
}

const failures = (answers: Answer[], ok: (status: number) => boolean) => answers.filter((a) => !ok(a.status));

function firstFailure(answers: Answer[]): string {
  const failed = answers.find((a) => a.status < 200 || a.status > 299);
  return failed ? `; first failure HTTP ${failed.status} ${failed.text.slice(0, 200)}` : '';
}

function rows(reads: LoadResult<Answer>, registrations: LoadResult<Answer>, outcome: string): Row[] {
  const readFailures = failures(reads.answers, (s) => s === 200).length;
  const registrationFailures = failures(registrations.answers, (s) => s === 201).length;
  const withFailures = (text: string, failed: number) => (failed ? `${text} (${failed} failed)` : text);
  return [
    {
      measure: `register ${REGISTRATIONS} through the gateway, ${CLIENTS} clients (req/s)`,
      crosswalk: withFailures(`POST /v1/events/:id/registrations ${rate(REGISTRATIONS, registrations.elapsedMs)}`, registrationFailures),
      baseline: withFailures(`GET /v1/people/:id ${rate(REGISTRATIONS, reads.elapsedMs)}`, readFailures),
      // The performance issue names no target for registrations (its gateway target compares the gateway with
      // the service called directly, which this bench does not measure).
      target: '-',
      met: '-',
    },
    {
      measure: '  latency (ms)',
      crosswalk: latencySummary(registrations.latenciesMs),
      baseline: latencySummary(reads.latenciesMs),
      target: '-',
      met: '-',
    },
    { measure: '  registrations answered', crosswalk: outcome, baseline: '-', target: '-', met: '-' },
  ];
}

/** Starts the system, seeds it, measures both sides, and stops it whatever happens. */
export async function registrationBenchmark(): Promise<Row[]> {
  const plan = registrationPlan(REGISTRATIONS, PEOPLE, PD_EVENTS);
  if (WARM_UP > PEOPLE) throw new Error(`BENCH_REGISTRATION_WARM_UP (${WARM_UP}) may not exceed BENCH_PEOPLE (${PEOPLE})`);
  const seats = seatsPerEvent(REGISTRATIONS, PD_EVENTS);
  const started = Date.now();
  console.log(
    `registration bench: the system as npm start runs it, on MariaDB (${TEST_SERVER_URL}); ${PEOPLE} people, ${SCHOOLS} schools, ` +
      `${REGISTRATIONS} registrations over ${PD_EVENTS} events of ${seats} seats, ${CLIENTS} clients, ${WARM_UP} warm-up requests of each kind`,
  );
  const system = await startSystem({ serverUrl: TEST_SERVER_URL });
  const settings = { secret: system.jwtSecret, issuer: 'crosswalk', audience: 'crosswalk-api' };
  const admin = new GatewayClient(system.gateway, signToken({ subject: 'bench-loader', role: 'network_admin' }, settings), CLIENTS);
  let operator: GatewayClient | undefined;
  try {
    console.log(`  system ready in ${Math.round((Date.now() - started) / 1000)} s; seeding through the gateway`);
    const seeded = await seedDirectory(admin);
    // The first write in the city may reach the events service before it has learned the city.
    const eventIds: string[] = [];
    for (let e = 0; e < PD_EVENTS; e += 1) {
      eventIds.push(
        (
          await eventually('an event', () =>
            admin.json<{ id: string }>('POST', '/v1/events', scheduleBody(seeded.cityId, `Benchmark workshop ${e + 1}`, seats)),
          )
        ).id,
      );
    }
    const warmUpEvent = await admin.json<{ id: string }>('POST', '/v1/events', scheduleBody(seeded.cityId, 'Benchmark warm-up', undefined));
    await untilEventsKnowEveryone(admin, seeded.personIds);
    console.log(`  seeded, and the events service knows every person, ${Math.round((Date.now() - started) / 1000)} s after start`);

    // The city's operator, as the registrations of a city are taken in practice; both sides use this token.
    operator = new GatewayClient(system.gateway, signToken({ subject: 'bench-operator', role: 'city_operator', cities: [seeded.cityId] }, settings), CLIENTS);
    const client = operator;
    const read = (person: number) => client.send('GET', `/v1/people/${seeded.personIds[person % PEOPLE]}`);
    await closedLoop(WARM_UP, CLIENTS, read);
    const reads = await closedLoop(REGISTRATIONS, CLIENTS, read);

    await closedLoop(WARM_UP, CLIENTS, (i) => client.send('POST', `/v1/events/${warmUpEvent.id}/registrations`, { personId: seeded.personIds[i] }));
    const registrations = await closedLoop(REGISTRATIONS, CLIENTS, (i) =>
      client.send('POST', `/v1/events/${eventIds[plan[i].event]}/registrations`, { personId: seeded.personIds[plan[i].person] }),
    );

    const answered = registrations.answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.text) as Registration);
    const expected = expectedPlacements(plan, seats);
    const count = (status: string) => answered.filter((r) => r.status === status).length;
    const withRole = answered.filter((r) => r.snapshot.role !== null).length;
    const expectedWithRole = plan.filter((p) => seeded.roleHolders.has(p.person)).length;
    const counts = await Promise.all(eventIds.map((id) => client.json<{ capacity: number; counts: { registered: number } }>('GET', `/v1/events/${id}`)));
    const capacityHeld = counts.every((event) => event.counts.registered <= event.capacity);
    const outcome =
      `registered ${count('registered')} (expected ${expected.registered}), waitlisted ${count('waitlisted')} (expected ${expected.waitlisted}); ` +
      `role in snapshot ${withRole} (expected ${expectedWithRole}); capacity held: ${capacityHeld ? 'yes' : 'NO'}`;
    const failed = firstFailure(registrations.answers) || firstFailure(reads.answers);
    if (failed) console.error(`registration bench${failed}`);
    console.log(`  measured, ${Math.round((Date.now() - started) / 1000)} s after start`);
    return rows(reads, registrations, outcome);
  } catch (error) {
    console.error(`registration bench failed; the system's last lines:\n${system.recentOutput().slice(-30).join('\n')}`);
    throw error;
  } finally {
    admin.close();
    operator?.close();
    await system.stop();
    console.log(`  system stopped, ${Math.round((Date.now() - started) / 1000)} s after start`);
  }
}

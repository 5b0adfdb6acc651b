// The registration benchmark: `POST /v1/events/:id/registrations` through the gateway, with the whole system
// running as `npm start` runs it (on MariaDB), against a plain directory read (`GET /v1/people/:id`) through
// the same gateway in the same run, at the same concurrency and count.
import { loadavg } from 'node:os';
import { signToken } from '@crosswalk/auth';
import { TEST_SERVER_URL } from '@crosswalk/testing';
import { type Answer, GatewayClient, GatewayError } from './gateway-client';
import { type LoadResult, closedLoop } from './load';
import { expectedPlacements, registrationPlan, seatsPerEvent } from './registration-plan';
import { type Row, latencySummary, rate } from './stats';
import { startSystem } from './system';

/** A whole-number setting from the environment, refused with its name when it is not one. */
function setting(name: string, fallback: number, least: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number of at least ${least}, got ${process.env[name]}`);
  return value;
}

interface Settings {
  people: number;
  schools: number;
  events: number;
  registrations: number;
  clients: number;
  /** Requests of each kind sent before its clock starts, so neither side pays for code warming up. */
  warmUp: number;
}

function settingsFromEnvironment(): Settings {
  const settings = {
    people: setting('BENCH_PEOPLE', 1000, 1),
    schools: setting('BENCH_SCHOOLS', 10, 1),
    events: setting('BENCH_REGISTRATION_EVENTS', 20, 1),
    registrations: setting('BENCH_REGISTRATIONS', 1000, 1),
    clients: setting('BENCH_CLIENTS', 16, 1),
    warmUp: setting('BENCH_REGISTRATION_WARM_UP', 100, 1),
  };
  if (settings.warmUp > settings.people) throw new Error(`BENCH_REGISTRATION_WARM_UP (${settings.warmUp}) may not exceed BENCH_PEOPLE (${settings.people})`);
  return settings;
}

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
async function personIdsByIndex(admin: GatewayClient, people: number): Promise<string[]> {
  const ids = new Array<string>(people);
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
  if (ids.length !== people || missing > 0) throw new Error(`bench: ${missing} of ${people} imported people were not listed`);
  return ids;
}

/** A city, its schools, the people, and principals (past and present) and assistant principals at the schools. */
async function seedDirectory(admin: GatewayClient, { people, schools }: Settings): Promise<Seeded> {
  const city = await admin.json<{ id: string }>('POST', '/v1/cities', { name: 'Benchmark City', state: 'CO' });
  const schoolNames = Array.from({ length: schools }, (_, s) => `Benchmark School ${s + 1}`);
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
      Array.from({ length: people }, (_, p) => [`Benchmark Person ${p}`, email(p)]),
    ),
    'text/csv',
  );
  const personIds = await personIdsByIndex(admin, people);

  const tenures: string[][] = [];
  const roleHolders = new Set<number>();
  const year = Number(TODAY.slice(0, 4));
  schoolIds.forEach((schoolId, s) => {
    for (let k = 0; k < PRINCIPALS_PER_SCHOOL; k += 1) {
      const person = s * PRINCIPALS_PER_SCHOOL + k;
      if (person >= people) return;
      tenures.push([schoolId, '', 'principal', email(person), `${year - PRINCIPALS_PER_SCHOOL + k}-01-15`]);
      if (k === PRINCIPALS_PER_SCHOOL - 1) roleHolders.add(person);
    }
  });
  for (let person = schools * PRINCIPALS_PER_SCHOOL; person < people; person += 1) {
    if (person % ASSISTANT_EVERY !== ASSISTANT_EVERY - 1) continue;
    tenures.push([schoolIds[person % schools], '', 'assistant_principal', email(person), `${year - 1}-08-01`]);
    roleHolders.add(person);
  }
  await admin.json('POST', '/v1/imports?kind=tenures', csv(['schoolId', 'organizationId', 'role', 'personEmail', 'startDate'], tenures), 'text/csv');
  return { cityId: city.id, personIds, roleHolders };
}

/** Polls the events service's local copy of the directory (a transcript is 404 for an unknown person). */
async function untilEventsKnowEveryone(client: GatewayClient, personIds: string[], clients: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let unknown = personIds;
  while (unknown.length) {
    const asked = await closedLoop(unknown.length, clients, (i) => client.send('GET', `/v1/transcripts/${unknown[i]}`));
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

interface Outcome {
  registered: number;
  waitlisted: number;
  expected: { registered: number; waitlisted: number };
  withRole: number;
  expectedWithRole: number;
  capacityHeld: boolean;
}

function rows({ registrations: count, clients }: Settings, reads: LoadResult<Answer>, registrations: LoadResult<Answer>, outcome: Outcome): Row[] {
  const readFailures = failures(reads.answers, (s) => s === 200).length;
  const registrationFailures = failures(registrations.answers, (s) => s === 201).length;
  const withFailures = (text: string, failed: number) => (failed ? `${text} (${failed} failed)` : text);
  const none = { baseline: '-', target: '-', met: '-' };
  return [
    {
      measure: `${count} requests through the gateway, ${clients} clients (req/s)`,
      crosswalk: withFailures(`register ${rate(count, registrations.elapsedMs)}`, registrationFailures),
      baseline: withFailures(`GET /v1/people/:id ${rate(count, reads.elapsedMs)}`, readFailures),
      // The performance issue names no target for registrations (its gateway target compares the gateway with
      // the service called directly, which this bench does not measure).
      target: '-',
      met: '-',
    },
    { measure: '  latency (ms)', crosswalk: latencySummary(registrations.latenciesMs), baseline: latencySummary(reads.latenciesMs), target: '-', met: '-' },
    {
      measure: '  registered / waitlisted (expected)',
      crosswalk:
        `${outcome.registered} / ${outcome.waitlisted} (${outcome.expected.registered} / ${outcome.expected.waitlisted}), ` +
        `capacity ${outcome.capacityHeld ? 'held' : 'EXCEEDED'}`,
      ...none,
    },
    { measure: '  snapshots naming a role (expected)', crosswalk: `${outcome.withRole} (${outcome.expectedWithRole})`, ...none },
  ];
}

/** Starts the system, seeds it, measures both sides, and stops it whatever happens. */
export async function registrationBenchmark(): Promise<Row[]> {
  const settings = settingsFromEnvironment();
  const { people, clients, warmUp } = settings;
  const plan = registrationPlan(settings.registrations, people, settings.events);
  const seats = seatsPerEvent(settings.registrations, settings.events);
  const started = Date.now();
  // The load average says whether the machine was shared, which figures from one run cannot show.
  const since = () => `${Math.round((Date.now() - started) / 1000)} s after start (load average ${loadavg()[0].toFixed(1)})`;
  console.log(
    `registration bench: the system as npm start runs it, on MariaDB (${TEST_SERVER_URL}); ${people} people, ${settings.schools} schools, ` +
      `${settings.registrations} registrations over ${settings.events} events of ${seats} seats, ${clients} clients, ${warmUp} warm-up requests of each kind`,
  );
  const system = await startSystem({ serverUrl: TEST_SERVER_URL });
  const auth = { secret: system.jwtSecret, issuer: 'crosswalk', audience: 'crosswalk-api' };
  const admin = new GatewayClient(system.gateway, signToken({ subject: 'bench-loader', role: 'network_admin' }, auth), clients);
  let operator: GatewayClient | undefined;
  try {
    console.log(`  system ready, ${since()}; seeding through the gateway`);
    const seeded = await seedDirectory(admin, settings);
    const eventIds: string[] = [];
    for (let e = 0; e < settings.events; e += 1) {
      // The first write in the city may reach the events service before it has learned the city.
      const body = scheduleBody(seeded.cityId, `Benchmark workshop ${e + 1}`, seats);
      eventIds.push((await eventually('an event', () => admin.json<{ id: string }>('POST', '/v1/events', body))).id);
    }
    const warmUpEvent = await admin.json<{ id: string }>('POST', '/v1/events', scheduleBody(seeded.cityId, 'Benchmark warm-up', undefined));
    await untilEventsKnowEveryone(admin, seeded.personIds, clients);
    console.log(`  seeded, and the events service knows every person, ${since()}`);

    // The city's operator, as the registrations of a city are taken in practice; both sides use this token.
    operator = new GatewayClient(system.gateway, signToken({ subject: 'bench-operator', role: 'city_operator', cities: [seeded.cityId] }, auth), clients);
    const client = operator;
    const read = (i: number) => client.send('GET', `/v1/people/${seeded.personIds[i % people]}`);
    // Each side starts once the work the steps before it left behind (consumers catching up with the seed, or
    // with the warm-up registrations) is done, so neither is charged for it; what a side leaves behind while
    // it runs (a registration's events being published and consumed) is part of its cost.
    const atRest = [await system.untilQuiet()];
    await closedLoop(warmUp, clients, read);
    const reads = await closedLoop(settings.registrations, clients, read);
    await closedLoop(warmUp, clients, (i) => client.send('POST', `/v1/events/${warmUpEvent.id}/registrations`, { personId: seeded.personIds[i] }));
    atRest.push(await system.untilQuiet());
    console.log(`  the system used ${atRest.map((cores) => cores.toFixed(2)).join(' and ')} cores just before the reads and the registrations`);
    const registrations = await closedLoop(settings.registrations, clients, (i) =>
      client.send('POST', `/v1/events/${eventIds[plan[i].event]}/registrations`, { personId: seeded.personIds[plan[i].person] }),
    );
    console.log(`  measured, ${since()}`);

    const failed = firstFailure(registrations.answers) || firstFailure(reads.answers);
    if (failed) console.error(`registration bench${failed}`);
    const answered = registrations.answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.text) as Registration);
    const events = await Promise.all(eventIds.map((id) => client.json<{ capacity: number; counts: { registered: number } }>('GET', `/v1/events/${id}`)));
    return rows(settings, reads, registrations, {
      registered: answered.filter((r) => r.status === 'registered').length,
      waitlisted: answered.filter((r) => r.status === 'waitlisted').length,
      expected: expectedPlacements(plan, seats),
      withRole: answered.filter((r) => r.snapshot.role !== null).length,
      expectedWithRole: plan.filter((p) => seeded.roleHolders.has(p.person)).length,
      capacityHeld: events.every((event) => event.counts.registered <= event.capacity),
    });
  } catch (error) {
    console.error(`registration bench failed; the system's last lines:\n${system.recentOutput().slice(-30).join('\n')}`);
    throw error;
  } finally {
    admin.close();
    operator?.close();
    await system.stop();
    console.log(`  system stopped, ${since()}`);
  }
}

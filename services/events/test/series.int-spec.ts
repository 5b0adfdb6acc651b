// Series, completion and credit, registration windows and facilitators, in-process on MariaDB and the dev Kafka
// cluster. The test plays the schools service for the directory. The sessions that must close are scheduled
// seconds ahead (the service's clock is the real one): everyone registers before the first one starts, checks in
// at once (check-in opens an hour early), and the sessions are closed as soon as they have ended (polled with a
// deadline).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { PROGRAMS_TOPIC } from '@crosswalk/contracts';
import { type EventWire, type RunningApp, TEST_JWT_SECRET, pollUntil, type ServiceUnderTest, startServiceUnderTest } from '@crosswalk/testing';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { DataSource } from 'typeorm';
import { EVENTS_SERVICE } from '../src/events.definition';
import { NetworkEvent } from '../src/events/network-event.entity';
import { SeriesCompletionService } from '../src/series/series-completion.service';
import { type ApiAnswer, apiClient, cityCreated, daysFromNow, personCreated, schoolCreated, secondsFromNow, transition } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const denver = randomUUID();
const oakland = randomUUID();
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);
const ANALYST = token('analyst');
const SERVICE = token('service');

const lincoln = randomUUID();
const facilitator = randomUUID();
/** The 30 people who register for the three-session series. */
const crowd = Array.from({ length: 30 }, () => randomUUID());
const [walkIn, latecomer, shortCourser] = Array.from({ length: 3 }, () => randomUUID());

interface Counts {
  registered: number;
  waitlisted: number;
  offered: number;
  attended: number;
  noShow: number;
}
interface SeriesView {
  id: string;
  cityId: string;
  title: string;
  status: string;
  rule: { requiredSessions: number; sessions: number; completionCreditHours: number };
  sessions: {
    eventId: string;
    position: number;
    title: string;
    endsAt: string;
    status: string;
    capacity: number | null;
    creditHours: number;
    counts: Counts;
  }[];
  completion: { decidedAt: string; sessionsHeld: number; requiredSessionsApplied: number; participants: number; completed: number } | null;
  outcomes: Outcome[];
}
interface Outcome {
  personId: string;
  sessionsAttended: number;
  completed: boolean;
  sessionCreditHours: number;
  completionCreditHours: number;
}
interface SeriesRegistration {
  seriesId: string;
  personId: string;
  registrations: { id: string; eventId: string; status: string; snapshot: Record<string, unknown> }[];
  skipped: { eventId: string; reason: string; message: string }[];
}
interface EventView {
  id: string;
  kind: string;
  seriesId: string | null;
  status: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  facilitatorPersonIds: string[];
}
interface Transcript {
  personId: string;
  attended: { eventId: string; title: string; cityId: string; startsOn: string; seriesId: string | null; creditHours: number }[];
  completions: { seriesId: string; title: string; cityId: string; sessionsAttended: number; requiredSessions: number; completionCreditHours: number }[];
  totals: { eventsAttended: number; seriesCompleted: number; sessionCreditHours: number; completionCreditHours: number; creditHours: number };
}
interface Published {
  type: string;
  key: string;
  cityId: string;
  payload: Record<string, unknown>;
}

describe('series, completion and credit', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;
  const { call, ok } = apiClient(() => service.url, ADMIN);

  const count = async (sql: string): Promise<number> => Number((await service.app.get(DataSource).query<{ n: string }[]>(sql))[0].n);
  const TABLES = ['event_series', 'event_event', 'event_facilitator', 'event_registration', 'event_series_outcome', 'messaging_outbox'];
  const written = () => Promise.all(TABLES.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
  const published = (key: string, type: string): Published[] => (wire.published as Published[]).filter((e) => e.key === key && e.type === type);
  /** `type:key` of the outbox rows of these keys, in the order they were recorded. */
  const outboxOrder = async (keys: string[]): Promise<string[]> =>
    (
      await service.app
        .get(DataSource)
        .query<{ type: string; key: string }[]>(
          `SELECT type, \`key\` FROM messaging_outbox WHERE \`key\` IN (${keys.map(() => '?').join(',')}) ORDER BY seq`,
          keys,
        )
    ).map((r) => `${r.type}:${r.key}`);
  const completedRecords = (seriesId: string) =>
    count(`SELECT COUNT(*) AS n FROM messaging_outbox WHERE type = 'events.series.completed' AND \`key\` = '${seriesId}'`);
  const fields = (answer: ApiAnswer) => ((answer.body.errors ?? []) as { field: string }[]).map((e) => e.field).sort();
  const session = (title: string, startsAt: string, endsAt: string, over: Record<string, unknown> = {}) => ({
    title,
    venue: 'Central Library',
    startsAt,
    endsAt,
    capacity: 20,
    creditHours: 2,
    ...over,
  });
  const seriesBody = (over: Record<string, unknown> = {}) => ({
    title: 'Leading literacy',
    cityId: denver,
    requiredSessions: 2,
    completionCreditHours: 6,
    sessions: [1, 2, 3].map((n) => session(`Session ${n}`, daysFromNow(30 + n), daysFromNow(30 + n, 18))),
    ...over,
  });
  /** Closes a session as soon as it has ended: before that the service answers 409 event_not_ended. */
  const closeWhenEnded = (eventId: string) =>
    pollUntil(
      () => call('POST', `/v1/events/${eventId}/close`, ADMIN),
      (answer) => answer.status === 201,
      { timeoutMs: 90_000, description: `session ${eventId} closes once it has ended` },
    );
  const untilPast = (instant: string) =>
    pollUntil(
      () => Date.now(),
      (now) => now > new Date(instant).getTime(),
      { timeoutMs: 90_000, description: `${instant} has passed` },
    );

  beforeAll(async () => {
    underTest = await startServiceUnderTest(EVENTS_SERVICE, {
      database: 'events_series',
      env: { EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0', EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0' },
      wire: { read: [PROGRAMS_TOPIC], clientId: 'events-series-test' },
    });
    ({ service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      schoolCreated(lincoln, denver, 'Lincoln Elementary', 'district'),
      personCreated(facilitator, 'Fran Okafor'),
      ...[...crowd, walkIn, latecomer, shortCourser].map((id, i) => personCreated(id, `Teacher ${i}`)),
      transition({ kind: 'school', id: lincoln, cityId: denver }, 'principal', null, crowd[0], '2024-07-01'),
    );
    await pollUntil(
      () => Promise.all(['directory_copy_city', 'directory_copy_person', 'directory_copy_role_transition'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`))),
      ([cities, people, transitions]) => cities === 2 && people === 34 && transitions === 1,
      { timeoutMs: 60_000, description: 'the local copy knows the cities, people and the principal' },
    );
  });

  afterAll(() => underTest?.stop());

  // The three-session series: 20 seats a session, 30 registrants, "attended at least 2 of 3" for 6 more hours.
  let series: SeriesView;
  let sessionIds: string[];
  const registrationsOf = new Map<string, SeriesRegistration>();
  let seated: string[] = [];
  let waitlisted: string[] = [];
  // Who attends what (filled once the seats are known): all three, sessions 1 and 3, session 2 only, none.
  const groups = { all: [] as string[], firstAndLast: [] as string[], secondOnly: [] as string[], none: [] as string[] };
  const CREDIT = [3, 2, 1.5];

  // A short course (2 sessions, both required) whose second session is cancelled: completion needs the one held.
  let shortCourse: SeriesView;

  describe('scheduling', () => {
    it('schedules a series and its sessions in one transaction, SeriesScheduled first, then each EventScheduled', async () => {
      // Sessions a second long, two seconds apart, starting in 30 s: everyone registers before the first one.
      const at = (seconds: number) => secondsFromNow(30 + seconds);
      series = await ok<SeriesView>(
        'POST',
        '/v1/series',
        {
          title: 'Leading literacy, three Saturdays',
          cityId: denver,
          requiredSessions: 2,
          completionCreditHours: 6,
          sessions: CREDIT.map((creditHours, i) =>
            session(`Session ${i + 1}`, at(2 * i), at(2 * i + 1), { creditHours, facilitatorPersonIds: [facilitator], timeZone: 'America/Denver' }),
          ),
        },
        OPERATOR,
      );
      sessionIds = series.sessions.map((s) => s.eventId);
      expect(series).toMatchObject({
        cityId: denver,
        status: 'scheduled',
        rule: { requiredSessions: 2, sessions: 3, completionCreditHours: 6 },
        completion: null,
        outcomes: [],
      });
      expect(series.sessions.map((s) => [s.position, s.title, s.status, s.capacity, s.creditHours])).toEqual([
        [0, 'Session 1', 'scheduled', 20, 3],
        [1, 'Session 2', 'scheduled', 20, 2],
        [2, 'Session 3', 'scheduled', 20, 1.5],
      ]);

      const first = await ok<EventView>('GET', `/v1/events/${sessionIds[0]}`, undefined, OPERATOR);
      expect(first).toMatchObject({ kind: 'series_session', seriesId: series.id, facilitatorPersonIds: [facilitator], status: 'scheduled' });

      const scheduled = await pollUntil(
        () => published(series.id, 'events.series.scheduled'),
        (found) => found.length === 1,
        { timeoutMs: 30_000, description: 'events.series.scheduled' },
      );
      expect(scheduled[0]).toMatchObject({
        cityId: denver,
        payload: { seriesId: series.id, sessionEventIds: sessionIds, requiredSessions: 2, completionCreditHours: 6 },
      });
      const sessions = await pollUntil(
        () => sessionIds.flatMap((id) => published(id, 'events.event.scheduled')),
        (found) => found.length === 3,
        { timeoutMs: 30_000, description: "the sessions' events.event.scheduled" },
      );
      for (const s of sessions) expect(s.payload).toMatchObject({ kind: 'series_session', seriesId: series.id, facilitatorPersonIds: [facilitator] });
      // One transaction, in this order (the outbox's sequence; across keys the topic's partitions keep no order).
      expect(await outboxOrder([series.id, ...sessionIds])).toEqual([
        `events.series.scheduled:${series.id}`,
        ...sessionIds.map((id) => `events.event.scheduled:${id}`),
      ]);
    });

    it("lists series by city, paged, within the caller's cities", async () => {
      const page = await ok<{ items: SeriesView[]; nextCursor: string | null }>('GET', `/v1/series?cityId=${denver}&limit=50`, undefined, OPERATOR);
      expect(page.items.map((s) => s.id)).toContain(series.id);
      expect(page.items.find((s) => s.id === series.id)?.sessions).toHaveLength(3);
      const oaklandPage = await ok<{ items: SeriesView[] }>('GET', '/v1/series', undefined, OAKLAND_OPERATOR);
      expect(oaklandPage.items.map((s) => s.id)).not.toContain(series.id);
      expect((await call('GET', `/v1/series?cityId=${denver}`, OAKLAND_OPERATOR)).status).toBe(404);
    });

    it('schedules a short course whose completion will need the one session held', async () => {
      shortCourse = await ok<SeriesView>('POST', '/v1/series', {
        title: 'Coaching conversations, two evenings',
        cityId: denver,
        requiredSessions: 2,
        sessions: [
          session('Evening 1', secondsFromNow(36), secondsFromNow(37), { creditHours: 2 }),
          session('Evening 2', daysFromNow(20), daysFromNow(20, 18)),
        ],
      });
      expect(shortCourse.rule).toEqual({ requiredSessions: 2, sessions: 2, completionCreditHours: 0 });
    });
  });

  describe('registration', () => {
    it('registers 30 people at once for every session: 20 seats and 10 in line at each, the same 20 everywhere', async () => {
      const answers = await Promise.all(
        crowd.map((personId) => call('POST', `/v1/series/${series.id}/registrations`, OPERATOR, { personId }).then((answer) => ({ personId, answer }))),
      );
      for (const { personId, answer } of answers) {
        expect(answer.status).toBe(201);
        const body = answer.body as unknown as SeriesRegistration;
        expect(body.registrations.map((r) => r.eventId)).toEqual(sessionIds);
        expect(body.skipped).toEqual([]);
        registrationsOf.set(personId, body);
      }
      const statusesOf = (personId: string) => [...new Set(registrationsOf.get(personId)?.registrations.map((r) => r.status))];
      seated = crowd.filter((p) => statusesOf(p).join() === 'registered');
      waitlisted = crowd.filter((p) => statusesOf(p).join() === 'waitlisted');
      expect([seated.length, waitlisted.length]).toEqual([20, 10]);

      const read = await ok<SeriesView>('GET', `/v1/series/${series.id}`);
      for (const s of read.sessions) expect(s.counts).toEqual({ registered: 20, waitlisted: 10, offered: 0, attended: 0, noShow: 0 });
      // The snapshot is the person's role that day, like any registration's.
      expect(registrationsOf.get(crowd[0])?.registrations[0].snapshot).toEqual({ schoolId: lincoln, sector: 'district', cityId: denver, role: 'principal' });
      const records = await pollUntil(
        () => sessionIds.flatMap((id) => [...published(id, 'events.registration.created'), ...published(id, 'events.registration.waitlisted')]),
        (found) => found.length === 90,
        { timeoutMs: 30_000, description: 'one registration record per person and session' },
      );
      expect(records.every((r) => r.payload.seriesId === series.id)).toBe(true);

      const sorted = [...seated].sort();
      groups.all = sorted.slice(0, 8);
      groups.firstAndLast = sorted.slice(8, 14);
      groups.secondOnly = sorted.slice(14, 18);
      groups.none = sorted.slice(18);
    });

    it('answers a repeat with the registrations already there (200), and creates nothing', async () => {
      const before = await written();
      const repeat = await call('POST', `/v1/series/${series.id}/registrations`, ADMIN, { personId: seated[0] });
      expect(repeat.status).toBe(200);
      expect((repeat.body as unknown as SeriesRegistration).registrations).toEqual(registrationsOf.get(seated[0])?.registrations);
      expect(await written()).toEqual(before);
    });

    it('registers the short course: a seat at both evenings', async () => {
      const answer = await ok<SeriesRegistration>('POST', `/v1/series/${shortCourse.id}/registrations`, { personId: shortCourser });
      expect(answer.registrations.map((r) => r.status)).toEqual(['registered', 'registered']);
    });

    it('refuses an unknown person (400), another city (404), analysts (403), and writes nothing', async () => {
      const before = await written();
      const unknown = await call('POST', `/v1/series/${series.id}/registrations`, ADMIN, { personId: randomUUID() });
      expect(unknown.status).toBe(400);
      expect(fields(unknown)).toEqual(['personId']);
      expect((await call('POST', `/v1/series/${series.id}/registrations`, OAKLAND_OPERATOR, { personId: latecomer })).status).toBe(404);
      expect((await call('POST', `/v1/series/${randomUUID()}/registrations`, ADMIN, { personId: latecomer })).status).toBe(404);
      expect((await call('POST', `/v1/series/${series.id}/registrations`, ANALYST, { personId: latecomer })).status).toBe(403);
      expect((await call('POST', `/v1/series/${series.id}/registrations`, ADMIN, { personId: latecomer, backfill: 'yes' })).status).toBe(400);
      expect(await written()).toEqual(before);
    });
  });

  describe('attendance and completion', () => {
    it('checks the rosters in: all three, sessions 1 and 3, session 2 only, none', async () => {
      const rosters = [
        [...groups.all, ...groups.firstAndLast],
        [...groups.all, ...groups.secondOnly],
        [...groups.all, ...groups.firstAndLast],
      ];
      for (const [i, personIds] of rosters.entries()) await ok('POST', `/v1/events/${sessionIds[i]}/attendance`, { personIds }, OPERATOR);
      await ok('POST', `/v1/events/${shortCourse.sessions[0].eventId}/attendance`, { personIds: [shortCourser] });
      const read = await ok<SeriesView>('GET', `/v1/series/${series.id}`);
      expect(read.sessions.map((s) => s.counts.attended)).toEqual([14, 12, 14]);
    });

    it('decides nothing while a session is still to close, then exactly once when the last two close at once', async () => {
      await closeWhenEnded(sessionIds[0]);
      const middle = await ok<SeriesView>('GET', `/v1/series/${series.id}`);
      expect(middle).toMatchObject({ status: 'scheduled', completion: null, outcomes: [] });

      await untilPast(series.sessions[2].endsAt);
      const closes = await Promise.all(sessionIds.slice(1).map((id) => call('POST', `/v1/events/${id}/close`, ADMIN)));
      expect(closes.map((c) => c.status)).toEqual([201, 201]);
      expect(await completedRecords(series.id)).toBe(1);

      // A retried close is refused and decides nothing again.
      const retry = await call('POST', `/v1/events/${sessionIds[2]}/close`, ADMIN);
      expect(retry.status).toBe(409);
      expect(await completedRecords(series.id)).toBe(1);
    });

    it('decides once when the transactions ending the last two sessions overlap: the second waits for the series lock', async () => {
      const twin = await ok<SeriesView>(
        'POST',
        '/v1/series',
        seriesBody({ requiredSessions: 1, sessions: [1, 2].map((n) => session(`Twin ${n}`, daysFromNow(50 + n), daysFromNow(50 + n, 18))) }),
      );
      const [a, b] = twin.sessions.map((s) => s.eventId);
      const unitOfWork = service.app.get(UnitOfWork);
      const completion = service.app.get(SeriesCompletionService);
      const readCommitted = { isolationLevel: 'READ COMMITTED' } as const;
      // Each transaction does what a close does to the series: its session ends, then the decision is asked for.
      const end = (tx: TransactionScope, eventId: string) =>
        tx.manager.update(NetworkEvent, { id: eventId }, { status: 'completed' }).then(() => completion.onSessionEnded(tx, twin.id, new Date()));
      let firstAsked!: () => void;
      let releaseFirst!: () => void;
      const asked = new Promise<void>((resolve) => (firstAsked = resolve));
      const released = new Promise<void>((resolve) => (releaseFirst = resolve));
      const first = unitOfWork.run(async (tx) => {
        await end(tx, a);
        firstAsked();
        await released;
      }, readCommitted);
      await asked;
      const second = unitOfWork.run((tx) => end(tx, b), readCommitted);
      // The second must be waiting for the series row the first holds: had it read on, it would have seen the first
      // session still scheduled (uncommitted) and nobody would ever decide.
      try {
        await pollUntil(
          () =>
            count(
              "SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()",
            ),
          (waiting) => waiting === 1,
          // InnoDB refreshes what INNODB_TRX shows only when it was last read more than 0.1 s ago: polled faster,
          // the table never changes.
          { timeoutMs: 10_000, intervalMs: 250, description: 'the second transaction waits for the series lock' },
        );
      } finally {
        releaseFirst();
      }
      await Promise.all([first, second]);
      expect(await completedRecords(twin.id)).toBe(1);
      expect((await ok<SeriesView>('GET', `/v1/series/${twin.id}`)).completion).toMatchObject({ sessionsHeld: 2, requiredSessionsApplied: 1 });
    });

    it('publishes SeriesCompleted keyed by the series: completed with at least 2 of 3, and the credit each earned', async () => {
      const [completed] = await pollUntil(
        () => published(series.id, 'events.series.completed'),
        (found) => found.length === 1,
        { timeoutMs: 30_000, description: 'events.series.completed' },
      );
      expect(completed).toMatchObject({
        cityId: denver,
        payload: { seriesId: series.id, sessionsPlanned: 3, sessionsHeld: 3, requiredSessions: 2, requiredSessionsApplied: 2, completionCreditHours: 6 },
      });
      const participants = completed.payload.participants as Outcome[];
      const expected = (personId: string): Outcome => {
        if (groups.all.includes(personId)) return { personId, sessionsAttended: 3, completed: true, sessionCreditHours: 6.5, completionCreditHours: 6 };
        if (groups.firstAndLast.includes(personId))
          return { personId, sessionsAttended: 2, completed: true, sessionCreditHours: 4.5, completionCreditHours: 6 };
        if (groups.secondOnly.includes(personId)) return { personId, sessionsAttended: 1, completed: false, sessionCreditHours: 2, completionCreditHours: 0 };
        return { personId, sessionsAttended: 0, completed: false, sessionCreditHours: 0, completionCreditHours: 0 };
      };
      // Everyone with a seat has an outcome (the no-shows too); nobody who only waited does.
      expect(participants).toEqual([...seated].sort().map(expected));
      expect(participants.filter((p) => p.completed)).toHaveLength(14);

      // In the closing transaction the session's own records come first (its no-shows, its completion), then the series'.
      const order = await outboxOrder([series.id, ...sessionIds]);
      const decided = order.indexOf(`events.series.completed:${series.id}`);
      expect(order.slice(decided - 1, decided + 1)).toEqual([expect.stringMatching(/^events\.event\.completed:/), `events.series.completed:${series.id}`]);
    });

    it('answers the decision on GET: status, tallies and outcomes', async () => {
      const read = await ok<SeriesView>('GET', `/v1/series/${series.id}`, undefined, OPERATOR);
      expect(read.status).toBe('completed');
      expect(read.completion).toMatchObject({ sessionsHeld: 3, requiredSessionsApplied: 2, participants: 20, completed: 14 });
      expect(read.outcomes).toHaveLength(20);
      expect(read.sessions.map((s) => [s.status, s.counts.attended, s.counts.noShow, s.counts.waitlisted])).toEqual([
        ['completed', 14, 6, 10],
        ['completed', 12, 8, 10],
        ['completed', 14, 6, 10],
      ]);
      const completedOnly = (await ok<{ items: SeriesView[] }>('GET', `/v1/series?cityId=${denver}&status=completed`)).items;
      expect(completedOnly.map((s) => s.id)).toContain(series.id);
      expect(completedOnly.map((s) => s.id)).not.toContain(shortCourse.id);
      expect(completedOnly.every((s) => s.status === 'completed')).toBe(true);
    });

    it('decides a series whose other session was cancelled once the one held closes: N applied is the sessions held', async () => {
      const [evening1, evening2] = shortCourse.sessions.map((s) => s.eventId);
      await ok('POST', `/v1/events/${evening2}/cancel`, { reason: 'The library is closed that week' });
      expect((await ok<SeriesView>('GET', `/v1/series/${shortCourse.id}`)).completion).toBeNull();
      await closeWhenEnded(evening1);
      const read = await ok<SeriesView>('GET', `/v1/series/${shortCourse.id}`);
      expect(read).toMatchObject({ status: 'completed', completion: { sessionsHeld: 1, requiredSessionsApplied: 1, participants: 1, completed: 1 } });
      expect(read.outcomes).toEqual([{ personId: shortCourser, sessionsAttended: 1, completed: true, sessionCreditHours: 2, completionCreditHours: 0 }]);
      await pollUntil(
        () => published(shortCourse.id, 'events.series.completed'),
        (found) => found.length === 1 && found[0].payload.requiredSessionsApplied === 1,
        { timeoutMs: 30_000, description: "the short course's events.series.completed" },
      );
    });

    it('ends a series whose every session is cancelled as cancelled, with nothing completed', async () => {
      const lone = await ok<SeriesView>(
        'POST',
        '/v1/series',
        seriesBody({ requiredSessions: 1, sessions: [session('Only session', daysFromNow(40), daysFromNow(40, 18))] }),
      );
      await ok('POST', `/v1/events/${lone.sessions[0].eventId}/cancel`, { reason: 'Nobody could facilitate' });
      expect(await ok<SeriesView>('GET', `/v1/series/${lone.id}`)).toMatchObject({ status: 'cancelled', outcomes: [] });
      expect(await completedRecords(lone.id)).toBe(0);
    });
  });

  describe('transcripts', () => {
    let oaklandWorkshop: EventView;

    it("lists a person's attended events, completions and credit totals", async () => {
      // One of the people who attended everything also attends a workshop in Oakland.
      const person = groups.all[0];
      oaklandWorkshop = await ok<EventView>('POST', '/v1/events', {
        kind: 'workshop',
        title: 'Data walks',
        cityId: oakland,
        venue: 'Oakland Tech library',
        startsAt: secondsFromNow(30 * 60),
        endsAt: secondsFromNow(120 * 60),
        creditHours: 1.25,
      });
      await ok('POST', `/v1/events/${oaklandWorkshop.id}/registrations`, { personId: person });
      await ok('POST', `/v1/events/${oaklandWorkshop.id}/attendance`, { personIds: [person] });

      const transcript = await ok<Transcript>('GET', `/v1/transcripts/${person}`);
      expect(transcript.attended.map((a) => [a.title, a.cityId, a.seriesId, a.creditHours])).toEqual([
        ['Session 1', denver, series.id, 3],
        ['Session 2', denver, series.id, 2],
        ['Session 3', denver, series.id, 1.5],
        ['Data walks', oakland, null, 1.25],
      ]);
      expect(transcript.attended[0].startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(transcript.completions).toEqual([
        expect.objectContaining({
          seriesId: series.id,
          title: 'Leading literacy, three Saturdays',
          cityId: denver,
          sessionsAttended: 3,
          requiredSessions: 2,
          completionCreditHours: 6,
        }),
      ]);
      expect(transcript.totals).toEqual({ eventsAttended: 4, seriesCompleted: 1, sessionCreditHours: 7.75, completionCreditHours: 6, creditHours: 13.75 });
    });

    it("shows a city operator only its cities' entries, and counts only those", async () => {
      const person = groups.all[0];
      const denverView = await ok<Transcript>('GET', `/v1/transcripts/${person}`, undefined, OPERATOR);
      expect(denverView.attended.map((a) => a.cityId)).toEqual([denver, denver, denver]);
      expect(denverView.totals).toMatchObject({ eventsAttended: 3, seriesCompleted: 1, creditHours: 12.5 });
      const oaklandView = await ok<Transcript>('GET', `/v1/transcripts/${person}`, undefined, OAKLAND_OPERATOR);
      expect(oaklandView.attended.map((a) => a.eventId)).toEqual([oaklandWorkshop.id]);
      expect(oaklandView.completions).toEqual([]);
      expect(oaklandView.totals).toMatchObject({ eventsAttended: 1, seriesCompleted: 0, creditHours: 1.25 });
    });

    it('gives credit without completion to someone under N, nothing to a no-show, and 404 for an unknown person', async () => {
      const partial = await ok<Transcript>('GET', `/v1/transcripts/${groups.secondOnly[0]}`, undefined, ANALYST);
      expect(partial.completions).toEqual([]);
      expect(partial.totals).toEqual({ eventsAttended: 1, seriesCompleted: 0, sessionCreditHours: 2, completionCreditHours: 0, creditHours: 2 });
      const absent = await ok<Transcript>('GET', `/v1/transcripts/${groups.none[0]}`);
      expect(absent).toMatchObject({ attended: [], completions: [], totals: { creditHours: 0 } });
      expect((await call('GET', `/v1/transcripts/${randomUUID()}`, ADMIN)).status).toBe(404);
    });
  });

  describe('registration windows', () => {
    const workshop = (over: Record<string, unknown>) =>
      ok<EventView>('POST', '/v1/events', { kind: 'workshop', title: 'Windowed', cityId: denver, venue: 'Library', ...over }, OPERATOR);

    it('takes a window on scheduling and answers it on GET and in EventScheduled', async () => {
      const opensAt = daysFromNow(2);
      const closesAt = daysFromNow(9);
      const event = await workshop({ startsAt: daysFromNow(10), endsAt: daysFromNow(10, 18), registrationOpensAt: opensAt, registrationClosesAt: closesAt });
      expect(event).toMatchObject({ registrationOpensAt: opensAt, registrationClosesAt: closesAt });
      const [scheduled] = await pollUntil(
        () => published(event.id, 'events.event.scheduled'),
        (found) => found.length === 1,
        { timeoutMs: 30_000, description: 'events.event.scheduled with its window' },
      );
      expect(scheduled.payload).toMatchObject({ registrationOpensAt: opensAt, registrationClosesAt: closesAt });
    });

    it('refuses self-registration before the window opens or after it closes (409, clear message), writing nothing', async () => {
      const notYet = await workshop({ startsAt: daysFromNow(10), endsAt: daysFromNow(10, 18), registrationOpensAt: daysFromNow(3) });
      const shut = await workshop({
        startsAt: daysFromNow(10),
        endsAt: daysFromNow(10, 18),
        registrationOpensAt: daysFromNow(-3),
        registrationClosesAt: daysFromNow(-1),
      });
      const before = await written();
      const early = await call('POST', `/v1/events/${notYet.id}/registrations`, OPERATOR, { personId: latecomer });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'registration_refused', reason: 'registration_not_open' });
      expect(early.body.detail).toBe(`Registration opens at ${notYet.registrationOpensAt}`);
      const late = await call('POST', `/v1/events/${shut.id}/registrations`, OPERATOR, { personId: latecomer });
      expect(late.body).toMatchObject({ status: 409, reason: 'registration_closed' });
      // The flag is no way around the window of an event still to come.
      const flagged = await call('POST', `/v1/events/${shut.id}/registrations`, OPERATOR, { personId: latecomer, backfill: true });
      expect(flagged.body).toMatchObject({ status: 409, reason: 'registration_closed' });
      expect(await written()).toEqual(before);
    });

    it('refuses a series registration when no session is open, naming each session', async () => {
      const windowed = await ok<SeriesView>(
        'POST',
        '/v1/series',
        seriesBody({
          sessions: [1, 2].map((n) => session(`Later ${n}`, daysFromNow(20 + n), daysFromNow(20 + n, 18), { registrationOpensAt: daysFromNow(5) })),
        }),
      );
      const before = await written();
      const answer = await call('POST', `/v1/series/${windowed.id}/registrations`, ADMIN, { personId: latecomer });
      expect(answer.status).toBe(409);
      expect(answer.body.reason).toBe('registration_not_open');
      expect(answer.body.detail).toMatch(
        /^No session of the series is open for registration \(session 1: Registration opens at .*; session 2: Registration opens at .*\)$/,
      );
      expect(await written()).toEqual(before);
    });

    it("lets an operator backfill someone at an event that has started, which self-registration may not; not a service's token", async () => {
      const started = await workshop({ startsAt: secondsFromNow(2), endsAt: secondsFromNow(3600), registrationClosesAt: secondsFromNow(1) });
      await untilPast(secondsFromNow(2.5));
      const before = await written();
      const self = await call('POST', `/v1/events/${started.id}/registrations`, OPERATOR, { personId: walkIn });
      expect(self.body).toMatchObject({ status: 409, reason: 'registration_closed' });
      expect((await call('POST', `/v1/events/${started.id}/registrations`, SERVICE, { personId: walkIn, backfill: true })).status).toBe(403);
      expect((await call('POST', `/v1/events/${started.id}/registrations`, ANALYST, { personId: walkIn, backfill: true })).status).toBe(403);
      expect(await written()).toEqual(before);

      const backfilled = await call('POST', `/v1/events/${started.id}/registrations`, OPERATOR, { personId: walkIn, backfill: true });
      expect(backfilled.status).toBe(201);
      expect(backfilled.body).toMatchObject({ personId: walkIn, status: 'registered' });
      await ok('POST', `/v1/events/${started.id}/attendance`, { personIds: [walkIn] }, OPERATOR);
      expect((await ok<Transcript>('GET', `/v1/transcripts/${walkIn}`)).attended.map((a) => a.eventId)).toEqual([started.id]);
    });

    it('lets an operator backfill a series whose sessions have started: the started ones, not the closed ones', async () => {
      // The first series' sessions are closed: nothing to backfill there.
      const closed = await call('POST', `/v1/series/${series.id}/registrations`, OPERATOR, { personId: latecomer, backfill: true });
      expect(closed.body).toMatchObject({ status: 409, reason: 'event_not_scheduled' });
      const course = await ok<SeriesView>(
        'POST',
        '/v1/series',
        seriesBody({
          requiredSessions: 1,
          sessions: [session('Now', secondsFromNow(2), secondsFromNow(3600)), session('Later', daysFromNow(8), daysFromNow(8, 18))],
        }),
      );
      await untilPast(secondsFromNow(2.5));
      const self = await ok<SeriesRegistration>('POST', `/v1/series/${course.id}/registrations`, { personId: latecomer });
      expect(self.registrations.map((r) => r.eventId)).toEqual([course.sessions[1].eventId]);
      expect(self.skipped).toEqual([expect.objectContaining({ eventId: course.sessions[0].eventId, reason: 'registration_closed' })]);
      const backfill = await call('POST', `/v1/series/${course.id}/registrations`, OPERATOR, { personId: latecomer, backfill: true });
      expect(backfill.status).toBe(201);
      const body = backfill.body as unknown as SeriesRegistration;
      expect(body.registrations.map((r) => [r.eventId, r.status])).toEqual([
        [course.sessions[0].eventId, 'registered'],
        [course.sessions[1].eventId, 'registered'],
      ]);
      expect(body.registrations[1].id).toBe(self.registrations[0].id);
      expect((await call('POST', `/v1/series/${course.id}/registrations`, SERVICE, { personId: walkIn, backfill: true })).status).toBe(403);
    });
  });

  describe('bad input', () => {
    const refused = async (body: Record<string, unknown>, expected: string[], bearer = ADMIN) => {
      const answer = await call('POST', '/v1/series', bearer, body);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('validation_failed');
      expect(fields(answer)).toEqual(expected);
    };

    it('refuses N above M, sessions that POST /v1/events would refuse, and unknown facilitators, with a 400 naming each field; nothing written', async () => {
      const before = await written();
      await refused(seriesBody({ requiredSessions: 4 }), ['requiredSessions']);
      await refused(seriesBody({ requiredSessions: 0, sessions: [] }), ['requiredSessions', 'sessions']);
      const [first, second, third] = seriesBody().sessions;
      await refused(seriesBody({ sessions: [first, { ...second, endsAt: second.startsAt }, third] }), ['sessions.1.endsAt']);
      await refused(seriesBody({ sessions: [{ ...first, cityId: oakland }, second, third] }), ['sessions.0.cityId']);
      await refused(seriesBody({ sessions: [{ ...first, kind: 'workshop' }, second, third] }), ['sessions.0.kind']);
      await refused(seriesBody({ sessions: [{ ...first, facilitatorPersonIds: [facilitator, randomUUID()] }, second, third] }), [
        'sessions.0.facilitatorPersonIds',
      ]);
      await refused(seriesBody({ sessions: [first, second, { ...third, registrationOpensAt: third.startsAt }] }), ['sessions.2.registrationOpensAt']);
      await refused(seriesBody({ cityId: randomUUID() }), ['cityId']);
      await refused(seriesBody({ completionCreditHours: -1 }), ['completionCreditHours']);
      expect(await written()).toEqual(before);
    });

    it('refuses an event with an unknown facilitator or a window that does not fit (400), writing nothing', async () => {
      const before = await written();
      const event = (over: Record<string, unknown>) =>
        call('POST', '/v1/events', ADMIN, {
          kind: 'workshop',
          title: 'Bad',
          cityId: denver,
          venue: 'Library',
          startsAt: daysFromNow(10),
          endsAt: daysFromNow(10, 18),
          ...over,
        });
      expect(fields(await event({ facilitatorPersonIds: [randomUUID()] }))).toEqual(['facilitatorPersonIds']);
      expect(fields(await event({ facilitatorPersonIds: [facilitator, facilitator] }))).toEqual(['facilitatorPersonIds']);
      expect(fields(await event({ registrationOpensAt: daysFromNow(5), registrationClosesAt: daysFromNow(4) }))).toEqual(['registrationClosesAt']);
      expect(fields(await event({ registrationClosesAt: daysFromNow(11) }))).toEqual(['registrationClosesAt']);
      expect(fields(await event({ registrationOpensAt: daysFromNow(10) }))).toEqual(['registrationOpensAt']);
      expect(fields(await event({ registrationOpensAt: 'tomorrow' }))).toEqual(['registrationOpensAt']);
      expect(await written()).toEqual(before);
    });

    it("answers another city's series with 404, to reads and writes alike, and analysts 403; nothing written", async () => {
      const before = await written();
      expect((await call('GET', `/v1/series/${series.id}`, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('GET', `/v1/series/${randomUUID()}`, ADMIN)).status).toBe(404);
      expect((await call('POST', '/v1/series', OAKLAND_OPERATOR, seriesBody())).status).toBe(404);
      expect((await call('POST', '/v1/series', ANALYST, seriesBody())).status).toBe(403);
      expect((await call('GET', `/v1/series/${series.id}`, ANALYST)).status).toBe(200);
      expect(await written()).toEqual(before);
    });
  });
});

// The events service in-process on MariaDB and the dev Kafka cluster. The schools service is played by this
// test: it produces directory and leadership envelopes, and the service must learn cities, schools, people and
// roles from them alone, snapshot registrations from that copy, keep capacity under any concurrency, and
// publish every change on events.programs.v1.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { EventScheduled, calendarDateToday } from '@crosswalk/contracts';
import {
  type EventWire,
  type RunningApp,
  type ServiceUnderTest,
  TEST_JWT_SECRET,
  inboxOutcomeCount,
  pollUntil,
  startServiceUnderTest,
} from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { EVENTS_CONSUMER } from '../src/consumers';
import { EVENTS_SERVICE } from '../src/events.definition';
import { apiClient, cityCreated, daysFromNow, personCreated, schoolClosed, schoolCreated, transition } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const denver = randomUUID();
const oakland = randomUUID();
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const ANALYST = token('analyst');

const [lincoln, strive, stRose, oakTech] = Array.from({ length: 4 }, () => randomUUID());
const [ana, ben, cruz] = Array.from({ length: 3 }, () => randomUUID());
/** The crowd of the concurrency tests: 500 people who register at once. */
const crowd = Array.from({ length: 500 }, () => randomUUID());

interface Counts {
  registered: number;
  waitlisted: number;
  offered: number;
  attended: number;
  noShow: number;
}
interface EventView {
  id: string;
  cityId: string;
  hostSchoolId: string | null;
  hostSector: string | null;
  startsAt: string;
  timeZone: string;
  startsOn: string;
  status: string;
  sequence: number;
  topics: string[];
  flags: { reason: string; effectiveDate: string; transitionId: string | null }[];
  reschedules: { sequence: number; previousStartsAt: string; startsAt: string }[];
  counts: Counts;
}
interface RegistrationView {
  id: string;
  eventId: string;
  personId: string;
  status: string;
  snapshot: { schoolId: string | null; sector: string | null; cityId: string | null; role: string | null };
  offeredAt: string | null;
  offerExpiresAt: string | null;
  history: { from: string | null; to: string; cause: string }[];
}

describe('events and registrations', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;

  const { call, ok } = apiClient(() => service.url, ADMIN);
  const count = async (sql: string): Promise<number> => Number((await service.app.get(DataSource).query<{ n: string }[]>(sql))[0].n);
  const rows = () => Promise.all(['event_event', 'event_registration', 'messaging_outbox'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
  const typesOf = (eventId: string) => wire.published.filter((e) => e.key === eventId).map((e) => e.type);
  const schedule = (over: Record<string, unknown> = {}, bearer: string = ADMIN) =>
    ok<EventView>(
      'POST',
      '/v1/events',
      {
        kind: 'workshop',
        title: 'Reading across the curriculum',
        cityId: denver,
        venue: 'Central Library',
        startsAt: daysFromNow(30),
        endsAt: daysFromNow(30, 18),
        ...over,
      },
      bearer,
    );
  const register = (eventId: string, personId: string) => ok<RegistrationView>('POST', `/v1/events/${eventId}/registrations`, { personId });

  beforeAll(async () => {
    underTest = await startServiceUnderTest(EVENTS_SERVICE, {
      database: 'events_registrations',
      env: { EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0', EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0' },
      wire: { read: [EventScheduled.topic], clientId: 'events-test' },
    });
    ({ service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      schoolCreated(lincoln, denver, 'Lincoln Elementary', 'district'),
      schoolCreated(strive, denver, 'STRIVE Prep Federal', 'charter'),
      schoolCreated(stRose, denver, 'St Rose of Lima', 'catholic'),
      schoolCreated(oakTech, oakland, 'Oakland Tech', 'district'),
      personCreated(ana, 'Ana Ruiz'),
      personCreated(ben, 'Ben Okafor'),
      personCreated(cruz, 'Cruz Medina'),
      ...crowd.map((id, i) => personCreated(id, `Teacher ${i}`)),
      transition({ kind: 'school', id: lincoln, cityId: denver }, 'principal', null, ana, '2024-07-01'),
      transition({ kind: 'school', id: strive, cityId: denver }, 'principal', null, ben, '2024-07-01'),
    );
    await pollUntil(
      () =>
        Promise.all(
          ['directory_copy_city', 'directory_copy_school', 'directory_copy_person', 'directory_copy_role_transition'].map((t) =>
            count(`SELECT COUNT(*) AS n FROM ${t}`),
          ),
        ),
      ([cities, schools, people, transitions]) => cities === 2 && schools === 4 && people === 503 && transitions === 2,
      { timeoutMs: 60_000, description: 'the local copy knows the cities, schools, people and principals' },
    );
  });

  afterAll(() => underTest?.stop());

  let workshop: EventView;

  it('schedules an event at an open school of its city, with its host sector, and publishes it', async () => {
    workshop = await schedule({ hostSchoolId: strive, capacity: 30, topics: ['literacy', 'math'], timeZone: 'America/Denver', creditHours: 3 });
    expect(workshop).toMatchObject({
      cityId: denver,
      hostSchoolId: strive,
      hostSector: 'charter',
      status: 'scheduled',
      sequence: 0,
      topics: ['literacy', 'math'],
      flags: [],
      counts: { registered: 0, waitlisted: 0, offered: 0, attended: 0, noShow: 0 },
    });
    expect(await ok('GET', `/v1/events/${workshop.id}`, undefined, OPERATOR)).toEqual(workshop);
    const published = await pollUntil(
      () => wire.published.find((e) => e.key === workshop.id),
      (e) => e !== undefined,
      { timeoutMs: 30_000, description: 'events.event.scheduled' },
    );
    expect(published).toMatchObject({
      type: 'events.event.scheduled',
      cityId: denver,
      payload: { eventId: workshop.id, hostSector: 'charter', capacity: 30, offerHours: 48 },
    });
  });

  it("takes its city's time zone when it names none (else UTC), and its own when it does", async () => {
    const [boulder, pueblo] = [randomUUID(), randomUUID()];
    await wire.publish(cityCreated(boulder, 'Boulder', 'CO', 'America/Denver'), cityCreated(pueblo, 'Pueblo', 'CO'));
    await pollUntil(
      () => count(`SELECT COUNT(*) AS n FROM directory_copy_city WHERE id IN ('${boulder}', '${pueblo}')`),
      (n) => n === 2,
      { timeoutMs: 30_000, description: 'the local copy knows Boulder and Pueblo' },
    );
    // 03:00 UTC is still the evening before in Denver: the local start day shows which zone was taken.
    const times = { startsAt: daysFromNow(30, 3), endsAt: daysFromNow(30, 5) };
    const inherited = await schedule({ cityId: boulder, ...times });
    expect(inherited).toMatchObject({ timeZone: 'America/Denver', startsOn: daysFromNow(29).slice(0, 10) });
    expect(await schedule({ cityId: boulder, ...times, timeZone: 'America/Chicago' })).toMatchObject({ timeZone: 'America/Chicago' });
    expect(await schedule({ cityId: pueblo, ...times })).toMatchObject({ timeZone: 'UTC', startsOn: daysFromNow(30).slice(0, 10) });
    const published = await pollUntil(
      () => wire.published.find((e) => e.key === inherited.id),
      (e) => e !== undefined,
      { timeoutMs: 30_000, description: 'events.event.scheduled' },
    );
    expect(published?.payload).toMatchObject({ timeZone: 'America/Denver', startsOn: inherited.startsOn });
  });

  it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
    const before = await rows();
    const refused = async (body: Record<string, unknown>, fields: string[]) => {
      const response = await call('POST', '/v1/events', ADMIN, {
        kind: 'workshop',
        title: 'Bad',
        cityId: denver,
        venue: 'Library',
        startsAt: daysFromNow(10),
        endsAt: daysFromNow(10, 18),
        ...body,
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect((response.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(fields);
    };
    await refused({ kind: 'webinar', capacity: -1, startsAt: 'soon' }, ['capacity', 'kind', 'startsAt']);
    await refused({ startsAt: daysFromNow(-1), endsAt: daysFromNow(-2) }, ['endsAt', 'startsAt']);
    await refused({ timeZone: 'Mountain Time', offerHours: 0 }, ['offerHours', 'timeZone']);
    await refused({ cityId: randomUUID() }, ['cityId']);
    await refused({ hostSchoolId: oakTech }, ['hostSchoolId']);
    await refused({ hostSchoolId: randomUUID() }, ['hostSchoolId']);
    await refused({ kind: 'school_visit', venue: undefined }, ['hostSchoolId']);
    expect(await rows()).toEqual(before);
  });

  it('keeps other cities out (404) and analysts read-only (403)', async () => {
    const oaklandEvent = await schedule({ cityId: oakland, hostSchoolId: oakTech });
    expect((await call('GET', `/v1/events/${oaklandEvent.id}`, OPERATOR)).status).toBe(404);
    expect((await call('POST', `/v1/events/${oaklandEvent.id}/cancel`, OPERATOR, { reason: 'x' })).status).toBe(404);
    expect((await call('POST', `/v1/events/${oaklandEvent.id}/registrations`, OPERATOR, { personId: ana })).status).toBe(404);
    expect(
      (
        await call('POST', '/v1/events', OPERATOR, {
          kind: 'workshop',
          title: 'T',
          cityId: oakland,
          venue: 'V',
          startsAt: daysFromNow(5),
          endsAt: daysFromNow(5, 18),
        })
      ).status,
    ).toBe(404);
    expect((await call('GET', `/v1/events?cityId=${oakland}`, OPERATOR)).status).toBe(404);
    expect(
      (
        await call('POST', '/v1/events', ANALYST, {
          kind: 'workshop',
          title: 'T',
          cityId: denver,
          venue: 'V',
          startsAt: daysFromNow(5),
          endsAt: daysFromNow(5, 18),
        })
      ).status,
    ).toBe(403);
    expect((await call('POST', `/v1/events/${workshop.id}/registrations`, ANALYST, { personId: ana })).status).toBe(403);
    expect((await call('GET', `/v1/events/${oaklandEvent.id}`, ANALYST)).status).toBe(200);
    const mine = await ok<{ items: EventView[] }>('GET', '/v1/events', undefined, OPERATOR);
    expect(new Set(mine.items.map((e) => e.cityId))).toEqual(new Set([denver]));
  });

  it('lists by city, days, host, topic and status, paged', async () => {
    const list = async (query: string) => (await ok<{ items: EventView[]; nextCursor: string | null }>('GET', `/v1/events?${query}`)).items.map((e) => e.id);
    expect(await list(`cityId=${denver}&topic=literacy`)).toEqual([workshop.id]);
    expect(await list(`hostSchoolId=${strive}`)).toEqual([workshop.id]);
    expect(await list(`cityId=${denver}&from=${workshop.startsOn}&to=${workshop.startsOn}`)).toEqual([workshop.id]);
    expect(await list(`cityId=${denver}&status=cancelled`)).toEqual([]);
    const first = await ok<{ items: EventView[]; nextCursor: string | null }>('GET', '/v1/events?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    expect((await call('GET', '/v1/events?flag=moved', ADMIN)).status).toBe(400);
  });

  it('reschedules, keeping the previous times and raising the sequence', async () => {
    const startsAt = daysFromNow(37);
    const moved = await ok<EventView>('POST', `/v1/events/${workshop.id}/reschedule`, { startsAt, endsAt: daysFromNow(37, 18), reason: 'Testing week' });
    expect(moved).toMatchObject({ startsAt, sequence: 1, reschedules: [{ sequence: 1, previousStartsAt: workshop.startsAt, startsAt }] });
    const same = await call('POST', `/v1/events/${workshop.id}/reschedule`, ADMIN, { startsAt, endsAt: daysFromNow(37, 18) });
    expect(same.status).toBe(400);
    const published = await pollUntil(
      () => wire.published.find((e) => e.key === workshop.id && e.type === 'events.event.rescheduled'),
      (e) => e !== undefined,
      { timeoutMs: 30_000, description: 'events.event.rescheduled' },
    );
    expect(published?.payload).toMatchObject({ previousStartsAt: workshop.startsAt, startsAt, sequence: 1 });
  });

  it('snapshots the person as the directory has them that day; a later move never rewrites it; registering twice returns the same one', async () => {
    const first = await register(workshop.id, ana);
    expect(first).toMatchObject({ status: 'registered', snapshot: { schoolId: lincoln, sector: 'district', cityId: denver, role: 'principal' } });
    const again = await call('POST', `/v1/events/${workshop.id}/registrations`, ADMIN, { personId: ana });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    const unknown = await call('POST', `/v1/events/${workshop.id}/registrations`, ADMIN, { personId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'personId' }] });

    // Ana moves to St Rose as its principal (Lincoln's role left vacant).
    const today = calendarDateToday();
    await wire.publish(
      transition({ kind: 'school', id: lincoln, cityId: denver }, 'principal', ana, null, today),
      transition({ kind: 'school', id: stRose, cityId: denver }, 'principal', null, ana, today),
    );
    await pollUntil(
      () => count('SELECT COUNT(*) AS n FROM directory_copy_role_transition'),
      (n) => n === 4,
      { timeoutMs: 30_000, description: 'the move is in the copy' },
    );
    expect((await ok<RegistrationView>('GET', `/v1/registrations/${first.id}`)).snapshot).toEqual(first.snapshot);
    const later = await register((await schedule()).id, ana);
    expect(later.snapshot).toEqual({ schoolId: stRose, sector: 'catholic', cityId: denver, role: 'principal' });
    const noRole = await register(workshop.id, cruz);
    expect(noRole.snapshot).toEqual({ schoolId: null, sector: null, cityId: null, role: null });
  });

  it('applies a redelivered directory event once: nothing changes', async () => {
    const move = transition({ kind: 'school', id: strive, cityId: denver }, 'principal', ben, cruz, calendarDateToday());
    await wire.publish(move);
    await pollUntil(
      () => count('SELECT COUNT(*) AS n FROM directory_copy_role_transition'),
      (n) => n === 5,
      { timeoutMs: 30_000, description: 'the transition is in the copy' },
    );
    const flagged = await pollUntil(
      () => ok<EventView>('GET', `/v1/events/${workshop.id}`),
      (e) => e.flags.length === 1,
      { timeoutMs: 30_000, description: 'the host event is flagged' },
    );
    expect(flagged.flags).toEqual([
      { reason: 'host_leader_changed', effectiveDate: calendarDateToday(), transitionId: (move.payload as { transitionId: string }).transitionId },
    ]);
    const before = await rows();
    const duplicates = await inboxOutcomeCount(service.url, EVENTS_CONSUMER.consumer, 'duplicate');
    await wire.publish(move);
    await pollUntil(
      () => inboxOutcomeCount(service.url, EVENTS_CONSUMER.consumer, 'duplicate'),
      (n) => n === duplicates + 1,
      { timeoutMs: 30_000, description: 'redelivery recognised' },
    );
    expect(await rows()).toEqual(before);
    expect(await ok('GET', `/v1/events/${workshop.id}`)).toEqual(flagged);
    expect((await ok<{ items: EventView[] }>('GET', '/v1/events?flag=host_leader_changed')).items.map((e) => e.id)).toEqual([workshop.id]);
  });

  it('never exceeds capacity: 500 concurrent registrations for 50 seats leave 50 registered and 450 waitlisted, once each', async () => {
    const event = await schedule({ capacity: 50 });
    const answers = await Promise.all(crowd.map((personId) => call('POST', `/v1/events/${event.id}/registrations`, ADMIN, { personId })));
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(answers.filter((a) => a.body.status === 'registered')).toHaveLength(50);
    expect((await ok<EventView>('GET', `/v1/events/${event.id}`)).counts).toEqual({ registered: 50, waitlisted: 450, offered: 0, attended: 0, noShow: 0 });
    expect(await count(`SELECT COUNT(DISTINCT personId) AS n FROM event_registration WHERE eventId = '${event.id}'`)).toBe(500);
    expect(await count(`SELECT COUNT(*) AS n FROM event_registration WHERE eventId = '${event.id}'`)).toBe(500);
    // And again, all at once: everyone gets the registration they have.
    const again = await Promise.all(crowd.slice(0, 100).map((personId) => call('POST', `/v1/events/${event.id}/registrations`, ADMIN, { personId })));
    expect(new Set(again.map((a) => a.status))).toEqual(new Set([200]));
    expect(await count(`SELECT COUNT(*) AS n FROM event_registration WHERE eventId = '${event.id}'`)).toBe(500);
  });

  it('offers a freed seat to the first in line; 200 concurrent accepts of one offer take one seat', async () => {
    const event = await schedule({ capacity: 1 });
    const [seated, first, second] = [await register(event.id, crowd[0]), await register(event.id, crowd[1]), await register(event.id, crowd[2])];
    expect([seated.status, first.status, second.status]).toEqual(['registered', 'waitlisted', 'waitlisted']);
    const cancelled = await ok<RegistrationView>('POST', `/v1/registrations/${seated.id}/cancel`);
    expect(cancelled.history.map((h) => [h.from, h.to, h.cause])).toEqual([
      [null, 'registered', 'registered'],
      ['registered', 'cancelled', 'withdrawn'],
    ]);
    const offered = await ok<RegistrationView>('GET', `/v1/registrations/${first.id}`);
    expect(offered.status).toBe('offered');
    expect(new Date(offered.offerExpiresAt ?? 0).getTime() - new Date(offered.offeredAt ?? 0).getTime()).toBe(48 * 3_600_000);
    expect((await call('POST', `/v1/registrations/${second.id}/accept`, ADMIN)).body).toMatchObject({
      status: 409,
      code: 'registration_refused',
      reason: 'no_open_offer',
    });

    const accepts = await Promise.all(Array.from({ length: 200 }, () => call('POST', `/v1/registrations/${first.id}/accept`, OPERATOR)));
    expect(accepts.filter((a) => a.status === 201)).toHaveLength(1);
    expect(accepts.filter((a) => a.status === 409)).toHaveLength(199);
    expect((await ok<EventView>('GET', `/v1/events/${event.id}`)).counts).toMatchObject({ registered: 1, waitlisted: 1, offered: 0 });
    expect(await count(`SELECT COUNT(*) AS n FROM event_registration_change WHERE registrationId = '${first.id}' AND toStatus = 'registered'`)).toBe(1);
    await pollUntil(
      () => typesOf(event.id),
      (types) => types.length === 7,
      { timeoutMs: 30_000, description: 'registration events published' },
    );
    expect(typesOf(event.id)).toEqual([
      'events.event.scheduled',
      'events.registration.created',
      'events.registration.waitlisted',
      'events.registration.waitlisted',
      'events.registration.cancelled',
      'events.registration.offered',
      'events.registration.accepted',
    ]);
  });

  it('expires an offer at its deadline on the operator route and passes the seat on', async () => {
    const event = await schedule({ capacity: 1, offerHours: 2 });
    const seated = await register(event.id, crowd[10]);
    const [first, second] = [await register(event.id, crowd[11]), await register(event.id, crowd[12])];
    const declined = await call('POST', `/v1/registrations/${first.id}/decline`, ADMIN);
    expect(declined.body).toMatchObject({ code: 'registration_refused' });
    await ok('POST', `/v1/registrations/${seated.id}/cancel`);
    const offer = await ok<RegistrationView>('GET', `/v1/registrations/${first.id}`);
    expect(offer.status).toBe('offered');

    expect((await call('POST', '/v1/events/offer-expiries', OPERATOR, {})).status).toBe(403);
    expect((await call('POST', '/v1/events/offer-expiries', ADMIN, { asOf: 'tomorrow' })).status).toBe(400);
    const justBefore = new Date(new Date(offer.offerExpiresAt ?? 0).getTime() - 1).toISOString();
    expect(await ok('POST', '/v1/events/offer-expiries', { asOf: justBefore })).toEqual({ asOf: justBefore, expired: [], offered: [] });
    const asOf = offer.offerExpiresAt as string;
    expect(await ok('POST', '/v1/events/offer-expiries', { asOf })).toEqual({ asOf, expired: [first.id], offered: [second.id] });
    expect(await ok('POST', '/v1/events/offer-expiries', { asOf })).toEqual({ asOf, expired: [], offered: [] });
    expect((await ok<RegistrationView>('GET', `/v1/registrations/${first.id}`)).status).toBe('expired');
    const next = await ok<RegistrationView>('GET', `/v1/registrations/${second.id}`);
    expect(next).toMatchObject({ status: 'offered', offeredAt: asOf });
    expect((await ok<RegistrationView>('POST', `/v1/registrations/${second.id}/decline`)).status).toBe('declined');
    const waiting = await ok<{ items: RegistrationView[] }>('GET', `/v1/events/${event.id}/registrations?status=expired`, undefined, ANALYST);
    expect(waiting.items.map((r) => r.id)).toEqual([first.id]);
  });

  it('cancels an event with its live registrations, and refuses to close one that has not ended', async () => {
    const event = await schedule({ capacity: 1 });
    const [seated, waiting] = [await register(event.id, ben), await register(event.id, cruz)];
    expect((await call('POST', `/v1/events/${event.id}/close`, ADMIN)).body).toMatchObject({
      status: 409,
      code: 'event_state_conflict',
      reason: 'event_not_ended',
    });
    expect((await call('POST', `/v1/events/${event.id}/cancel`, ADMIN, { reason: '  ' })).body).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
    const cancelled = await ok<EventView>('POST', `/v1/events/${event.id}/cancel`, { reason: 'Facilitator ill' });
    expect(cancelled).toMatchObject({ status: 'cancelled', counts: { registered: 0, waitlisted: 0 } });
    for (const r of [seated, waiting]) expect((await ok<RegistrationView>('GET', `/v1/registrations/${r.id}`)).status).toBe('cancelled');
    expect((await call('POST', `/v1/events/${event.id}/cancel`, ADMIN, { reason: 'again' })).body).toMatchObject({ status: 409, code: 'event_state_conflict' });
    expect((await call('POST', `/v1/events/${event.id}/registrations`, ADMIN, { personId: ana })).body).toMatchObject({
      status: 409,
      code: 'registration_refused',
    });
    await pollUntil(
      () => typesOf(event.id),
      (types) => types.length === 6,
      { timeoutMs: 30_000, description: 'cancellation events published' },
    );
    expect(typesOf(event.id).slice(3)).toEqual(['events.event.cancelled', 'events.registration.cancelled', 'events.registration.cancelled']);
  });

  it('flags upcoming events when their host school closes', async () => {
    const hosted = await schedule({ hostSchoolId: lincoln });
    await wire.publish(schoolClosed(lincoln, denver, calendarDateToday()));
    const flagged = await pollUntil(
      () => ok<EventView>('GET', `/v1/events/${hosted.id}`),
      (e) => e.flags.some((f) => f.reason === 'host_closed'),
      { timeoutMs: 30_000, description: 'host_closed flag' },
    );
    expect(flagged.flags).toEqual([{ reason: 'host_closed', effectiveDate: calendarDateToday(), transitionId: null }]);
    expect(
      (
        await call('POST', '/v1/events', ADMIN, {
          kind: 'workshop',
          title: 'T',
          cityId: denver,
          hostSchoolId: lincoln,
          startsAt: daysFromNow(5),
          endsAt: daysFromNow(5, 18),
        })
      ).status,
    ).toBe(400);
  });
});

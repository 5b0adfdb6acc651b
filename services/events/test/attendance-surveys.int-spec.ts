// Attendance and surveys of the events service, in-process on MariaDB and the dev Kafka cluster. The test
// plays the schools service for the directory; sessions that must close are scheduled a few seconds ahead and
// closed as soon as they have ended (polled with a deadline, since the service's clock is the real one).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { EventScheduled } from '@crosswalk/contracts';
import { type EventWire, type RunningApp, type ServiceUnderTest, TEST_JWT_SECRET, pollUntil, startServiceUnderTest } from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { EVENTS_SERVICE } from '../src/events.definition';
import { apiClient, cityCreated, personCreated, secondsFromNow } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const denver = randomUUID();
const oakland = randomUUID();
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);
const ANALYST = token('analyst');

const [ana, ben, cruz, dee, eve, outsider] = Array.from({ length: 6 }, () => randomUUID());

interface Counts {
  registered: number;
  attended: number;
  noShow: number;
}
interface EventView {
  id: string;
  status: string;
  counts: Counts;
}
interface RegistrationView {
  id: string;
  personId: string;
  status: string;
  history: { from: string | null; to: string; cause: string; reason: string | null }[];
}
interface Published {
  type: string;
  key: string;
  payload: Record<string, unknown>;
}

describe('attendance and surveys', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;
  const { call, ok } = apiClient(() => service.url, ADMIN);

  const count = async (sql: string): Promise<number> => Number((await service.app.get(DataSource).query<{ n: string }[]>(sql))[0].n);
  const written = () => Promise.all(['event_registration_change', 'messaging_outbox'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
  const published = (eventId: string, type: string): Published[] => (wire.published as Published[]).filter((e) => e.key === eventId && e.type === type);
  const schedule = (startsAt: string, endsAt: string, cityId = denver, backfill = false) =>
    ok<EventView>('POST', '/v1/events', {
      ...(backfill ? { backfill } : {}),
      kind: 'workshop',
      title: 'Coaching conversations',
      cityId,
      venue: 'Central Library',
      startsAt,
      endsAt,
      creditHours: 3,
    });
  const register = (eventId: string, personId: string, backfill = false) =>
    ok<RegistrationView>('POST', `/v1/events/${eventId}/registrations`, { personId, ...(backfill ? { backfill } : {}) });
  const registrationOf = async (eventId: string, personId: string): Promise<RegistrationView> => {
    const page = await ok<{ items: RegistrationView[] }>('GET', `/v1/events/${eventId}/registrations`);
    const found = page.items.find((r) => r.personId === personId);
    if (!found) throw new Error(`No registration of ${personId}`);
    return found;
  };
  beforeAll(async () => {
    underTest = await startServiceUnderTest(EVENTS_SERVICE, {
      database: 'events_attendance',
      env: { EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0', EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0' },
      wire: { read: [EventScheduled.topic], clientId: 'events-attendance-test' },
    });
    ({ service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      ...[ana, ben, cruz, dee, eve, outsider].map((id, i) => personCreated(id, `Teacher ${i}`)),
    );
    await pollUntil(
      () => Promise.all(['directory_copy_city', 'directory_copy_person'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`))),
      ([cities, people]) => cities === 2 && people === 6,
      { timeoutMs: 60_000, description: 'the local copy knows the cities and people' },
    );
  });

  afterAll(() => underTest?.stop());

  let upcoming: EventView;
  const upcomingId = () => upcoming.id;

  describe('attendance', () => {
    it('refuses a roster naming someone not registered with a 400 naming them, and writes nothing', async () => {
      // Starts in 30 minutes: check-in is open (it opens an hour before the start).
      upcoming = await schedule(secondsFromNow(30 * 60), secondsFromNow(120 * 60));
      for (const person of [ana, ben, cruz]) await register(upcoming.id, person);
      const before = await written();
      const answer = await call('POST', `/v1/events/${upcoming.id}/attendance`, OPERATOR, { personIds: [ana, outsider] });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'personIds' }] });
      expect(JSON.stringify(answer.body.errors)).toContain(outsider);
      expect(JSON.stringify(answer.body.errors)).not.toContain(ana);
      expect(await written()).toEqual(before);
      expect((await registrationOf(upcoming.id, ana)).status).toBe('registered');
      for (const body of [{ personIds: [] }, { personIds: [ana, ana] }, { personIds: 'ana' }]) {
        expect((await call('POST', `/v1/events/${upcoming.id}/attendance`, ADMIN, body)).status).toBe(400);
      }
    });

    it('checks a roster in: attended, history appended, counts updated, one attendance record each on the topic', async () => {
      const answer = await ok<{ eventId: string; items: RegistrationView[] }>(
        'POST',
        `/v1/events/${upcoming.id}/attendance`,
        { personIds: [ana, ben] },
        OPERATOR,
      );
      expect(answer.items.map((r) => [r.personId, r.status])).toEqual([
        [ana, 'attended'],
        [ben, 'attended'],
      ]);
      expect(answer.items[0].history.map((h) => [h.from, h.to, h.cause])).toEqual([
        [null, 'registered', 'registered'],
        ['registered', 'attended', 'checked_in'],
      ]);
      expect((await ok<EventView>('GET', `/v1/events/${upcoming.id}`)).counts).toMatchObject({ registered: 1, attended: 2, noShow: 0 });
      const records = await pollUntil(
        () => published(upcoming.id, 'events.attendance.recorded'),
        (r) => r.length === 2,
        { timeoutMs: 30_000, description: 'two events.attendance.recorded' },
      );
      expect(records.map((r) => r.payload)).toEqual([
        expect.objectContaining({ personId: ana, eventId: upcoming.id, outcome: 'attended', creditHours: 3 }),
        expect.objectContaining({ personId: ben, outcome: 'attended', creditHours: 3 }),
      ]);
    });

    it('refuses, all or nothing, a roster with someone already checked in (409), and corrections before the close', async () => {
      const before = await written();
      expect((await call('POST', `/v1/events/${upcoming.id}/attendance`, ADMIN, { personIds: [cruz, ana] })).body).toMatchObject({
        status: 409,
        code: 'registration_refused',
        reason: 'already_checked_in',
      });
      expect(
        (await call('POST', `/v1/events/${upcoming.id}/attendance/corrections`, ADMIN, { personId: ana, outcome: 'no_show', reason: 'Left' })).body,
      ).toMatchObject({
        status: 409,
        code: 'registration_refused',
        reason: 'session_not_closed',
      });
      expect(await written()).toEqual(before);
      expect((await registrationOf(upcoming.id, cruz)).status).toBe('registered');
    });

    it('keeps other cities out (404) and analysts read-only (403)', async () => {
      expect((await call('POST', `/v1/events/${upcoming.id}/attendance`, OAKLAND_OPERATOR, { personIds: [cruz] })).status).toBe(404);
      expect((await call('POST', `/v1/events/${upcoming.id}/attendance`, ANALYST, { personIds: [cruz] })).status).toBe(403);
      const correction = { personId: cruz, outcome: 'attended', reason: 'x' };
      expect((await call('POST', `/v1/events/${upcoming.id}/attendance/corrections`, OAKLAND_OPERATOR, correction)).status).toBe(404);
      expect((await call('POST', `/v1/events/${upcoming.id}/attendance/corrections`, ANALYST, correction)).status).toBe(403);
      expect((await call('POST', `/v1/events/${randomUUID()}/attendance`, ADMIN, { personIds: [cruz] })).status).toBe(404);
    });
  });

  describe('a session that closes', () => {
    let session: EventView;

    it('marks the rest no_show on close and corrects attendance with its history and reason', async () => {
      // Recorded as it happened an hour ago (a backfill), so it can close at once instead of the test waiting for its end.
      session = await schedule(secondsFromNow(-3600), secondsFromNow(-1800), denver, true);
      for (const person of [ana, ben, cruz, dee, eve]) await register(session.id, person, true);
      await ok('POST', `/v1/events/${session.id}/attendance`, { personIds: [ana, ben, cruz, dee] });
      const closed = await ok<EventView>('POST', `/v1/events/${session.id}/close`);
      expect(closed).toMatchObject({ status: 'completed', counts: { registered: 0, attended: 4, noShow: 1 } });
      expect((await registrationOf(session.id, eve)).status).toBe('no_show');
      expect((await call('POST', `/v1/events/${session.id}/attendance`, ADMIN, { personIds: [eve] })).body).toMatchObject({
        status: 409,
        reason: 'session_closed',
      });

      const corrected = await ok<RegistrationView>('POST', `/v1/events/${session.id}/attendance/corrections`, {
        personId: eve,
        outcome: 'attended',
        reason: 'Signed the paper sheet',
      });
      expect(corrected.status).toBe('attended');
      expect(corrected.history.map((h) => [h.from, h.to, h.cause, h.reason])).toEqual([
        [null, 'registered', 'registered', null],
        ['registered', 'no_show', 'session_closed', null],
        ['no_show', 'attended', 'attendance_corrected', 'Signed the paper sheet'],
      ]);
      expect(
        (await call('POST', `/v1/events/${session.id}/attendance/corrections`, ADMIN, { personId: eve, outcome: 'attended', reason: 'again' })).body,
      ).toMatchObject({
        status: 409,
        reason: 'unchanged',
      });
      expect((await ok<EventView>('GET', `/v1/events/${session.id}`)).counts).toMatchObject({ attended: 5, noShow: 0 });

      const corrections = await pollUntil(
        () => published(session.id, 'events.attendance.corrected'),
        (r) => r.length === 1,
        { timeoutMs: 30_000, description: 'events.attendance.corrected' },
      );
      expect(corrections[0].payload).toMatchObject({
        personId: eve,
        previousOutcome: 'no_show',
        outcome: 'attended',
        creditHours: 3,
        checkedInAt: null,
        reason: 'Signed the paper sheet',
      });
      const recorded = await pollUntil(
        () => published(session.id, 'events.attendance.recorded'),
        (r) => r.length === 5,
        { timeoutMs: 30_000, description: 'four check-ins and one no-show recorded' },
      );
      expect(recorded.map((r) => [r.payload.personId, r.payload.outcome, r.payload.creditHours])).toEqual([
        [ana, 'attended', 3],
        [ben, 'attended', 3],
        [cruz, 'attended', 3],
        [dee, 'attended', 3],
        [eve, 'no_show', 0],
      ]);
    });

    const survey = (personId: string, over: Record<string, unknown> = {}, bearer: string = ADMIN) =>
      call('POST', `/v1/events/${session.id}/surveys`, bearer, { personId, usefulness: 4, recommend: 8, intent: 'yes', ...over });
    const surveyRows = () =>
      Promise.all(['event_survey_response', 'event_survey_revision', 'messaging_outbox'].map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));

    it('refuses a survey from someone who did not attend (409) and out-of-range answers (400), writing nothing', async () => {
      const before = await surveyRows();
      expect((await survey(outsider)).body).toMatchObject({ status: 409, code: 'survey_refused', reason: 'not_an_attendee' });
      // Registered for the other event but never checked in there.
      expect(
        (await call('POST', `/v1/events/${upcomingId()}/surveys`, ADMIN, { personId: cruz, usefulness: 4, recommend: 8, intent: 'yes' })).body,
      ).toMatchObject({
        status: 409,
        code: 'survey_refused',
      });
      const bad = await survey(ana, { usefulness: 6, recommend: 11, intent: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation_failed');
      expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['intent', 'recommend', 'usefulness']);
      expect((await survey(ana, { usefulness: 0, recommend: -1 })).status).toBe(400);
      expect((await survey(ana, { recommend: 7.5 })).status).toBe(400);
      expect(await surveyRows()).toEqual(before);
    });

    it('keeps one response per attendee: a second answer is revision 2, every revision kept, the comment never published', async () => {
      expect((await survey(ana, { usefulness: 3, recommend: 3, intent: 'unsure' })).status).toBe(201);
      const revised = (await survey(ana, { usefulness: 5, recommend: 10, comment: '  Ms Ortiz was great  ' })).body;
      expect(revised).toMatchObject({ personId: ana, revision: 2, usefulness: 5, recommend: 10, intent: 'yes', comment: 'Ms Ortiz was great' });
      expect((revised.history as { revision: number; recommend: number }[]).map((h) => [h.revision, h.recommend])).toEqual([
        [1, 3],
        [2, 10],
      ]);
      const submitted = await pollUntil(
        () => published(session.id, 'events.survey.submitted'),
        (r) => r.length === 2,
        { timeoutMs: 30_000, description: 'two events.survey.submitted' },
      );
      expect(submitted.map((r) => [r.payload.responseId, r.payload.revision, r.payload.recommend, r.payload.hasComment])).toEqual([
        [revised.id, 1, 3, false],
        [revised.id, 2, 10, true],
      ]);
      expect(JSON.stringify(submitted)).not.toContain('Ortiz');
    });

    it('summarizes satisfaction from the latest revision of each response: recommend 10, 9, 7, 3 is NPS 25', async () => {
      for (const [personId, usefulness, recommend] of [
        [ben, 4, 9],
        [cruz, 4, 7],
        [dee, 3, 3],
      ] as const) {
        expect((await survey(personId, { usefulness, recommend }, OPERATOR)).status).toBe(201);
      }
      // Five attended (eve by correction), four answered.
      expect(await ok('GET', `/v1/events/${session.id}/satisfaction`, undefined, ANALYST)).toEqual({
        responses: 4,
        responseRate: 0.8,
        meanUsefulness: 4,
        nps: 25,
        promoters: 2,
        passives: 1,
        detractors: 1,
        intent: { yes: 4, no: 0, unsure: 0 },
      });
      const first = await ok<{ items: { personId: string }[]; nextCursor: string | null }>(
        'GET',
        `/v1/events/${session.id}/surveys?limit=3`,
        undefined,
        OPERATOR,
      );
      expect(first.items).toHaveLength(3);
      const rest = await ok<{ items: { personId: string }[]; nextCursor: string | null }>(
        'GET',
        `/v1/events/${session.id}/surveys?limit=3&cursor=${first.nextCursor}`,
      );
      expect([...first.items, ...rest.items].map((r) => r.personId).sort()).toEqual([ana, ben, cruz, dee].sort());
      expect(rest.nextCursor).toBeNull();
    });

    it('keeps surveys to their city (404) and their writers and readers to their roles (403)', async () => {
      expect((await survey(eve, {}, ANALYST)).status).toBe(403);
      expect((await survey(eve, {}, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('GET', `/v1/events/${session.id}/surveys`, ANALYST)).status).toBe(403);
      expect((await call('GET', `/v1/events/${session.id}/surveys`, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('GET', `/v1/events/${session.id}/satisfaction`, OAKLAND_OPERATOR)).status).toBe(404);
    });
  });

  describe('a past event, backfilled', () => {
    const lastMonth = (hour: number) => {
      const at = new Date(Date.now() - 30 * 86_400_000);
      at.setUTCHours(hour, 0, 0, 0);
      return at.toISOString();
    };
    const pastBody = {
      kind: 'workshop',
      title: 'Last month’s data day',
      cityId: denver,
      venue: 'Central Library',
      startsAt: lastMonth(15),
      endsAt: lastMonth(18),
    };

    it('refuses a past start without backfill, and backfill to a role that does not run events, writing nothing', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM event_event');
      const refused = await call('POST', '/v1/events', ADMIN, pastBody);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'startsAt', messages: [expect.stringContaining('backfill: true')] }]);
      expect((await call('POST', '/v1/events', token('service'), { ...pastBody, backfill: true })).status).toBe(403);
      expect((await call('POST', '/v1/events', ANALYST, { ...pastBody, backfill: true })).status).toBe(403);
      expect(await count('SELECT COUNT(*) AS n FROM event_event')).toBe(before);
    });

    it('records the event, its registrations and attendance, and closes it at once', async () => {
      const event = await ok<EventView>('POST', '/v1/events', { ...pastBody, backfill: true }, OPERATOR);
      for (const person of [ana, ben, cruz]) await ok('POST', `/v1/events/${event.id}/registrations`, { personId: person, backfill: true }, OPERATOR);
      await ok('POST', `/v1/events/${event.id}/attendance`, { personIds: [ana, ben] }, OPERATOR);
      const closed = await ok<EventView>('POST', `/v1/events/${event.id}/close`, undefined, OPERATOR);
      expect(closed.status).toBe('completed');
      expect(closed.counts).toMatchObject({ registered: 0, attended: 2, noShow: 1 });
      await pollUntil(
        () => Promise.resolve(published(event.id, 'events.event.completed').length),
        (n) => n === 1,
        { timeoutMs: 30_000, description: 'the backfilled event is completed on the topic' },
      );
      expect(published(event.id, 'events.event.scheduled')).toHaveLength(1);
    });
  });
});

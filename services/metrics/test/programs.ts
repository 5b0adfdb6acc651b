// Professional development told as the events service publishes it on `events.programs.v1`, beside the
// directory's schools: two cities, five events (one cross-sector, one cancelled, one rescheduled after a
// check-in), a three-session series, a waitlist with offers accepted, declined and expired, attendance
// corrections and a survey revision. Every expected number is worked out by hand next to the story.
import { randomUUID } from 'node:crypto';
import {
  AttendanceCorrected,
  AttendanceRecorded,
  type AttendanceOutcome,
  type CancellableRegistrationStatus,
  CityCreated,
  EventCancelled,
  EventCompleted,
  EventRescheduled,
  EventScheduled,
  type EventKind,
  type RegistrationFactV1,
  type RegistrationSnapshotV1,
  RegistrationAccepted,
  RegistrationCancelled,
  RegistrationCreated,
  RegistrationDeclined,
  RegistrationOfferExpired,
  RegistrationOffered,
  RegistrationWaitlisted,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  SeriesCompleted,
  SeriesScheduled,
  SurveySubmitted,
} from '@crosswalk/contracts';
import { type Published, event } from './network';

/** Ids that sort in a known order (reports list cities by id). */
const id = (first: string): string => `${first}${randomUUID().slice(1)}`;

export const c1 = id('1'); // Denver
export const c2 = id('2'); // Oakland

interface School {
  schoolId: string;
  cityId: string;
  sector: SchoolSector;
}
const school = (cityId: string, sector: SchoolSector): School => ({ schoolId: randomUUID(), cityId, sector });
// Denver: A charter, B C district, D catholic, E district (closed 2025-01-15), H independent (never reached).
const A = school(c1, 'charter');
const B = school(c1, 'district');
const C = school(c1, 'district');
const D = school(c1, 'catholic');
const E = school(c1, 'district');
const H = school(c1, 'independent');
// Oakland: F district, G charter.
const F = school(c2, 'district');
const G = school(c2, 'charter');

const directory: Published[] = [
  event(CityCreated, c1, c1, { cityId: c1, name: 'Denver', state: 'CO' }, '2024-01-03T09:00:00Z'),
  event(CityCreated, c2, c2, { cityId: c2, name: 'Oakland', state: 'CA' }, '2024-01-03T09:01:00Z'),
  ...[A, B, C, D, E, H, F, G].map((s, i) =>
    event(SchoolCreated, s.schoolId, s.cityId, { ...s, name: `School ${i + 1}`, organizationId: null, ncesId: null }, '2024-01-05T09:00:00Z'),
  ),
  event(SchoolClosed, E.schoolId, c1, { schoolId: E.schoolId, cityId: c1, effectiveDate: '2025-01-15', endedTenureIds: [] }, '2025-01-15T12:00:00Z'),
];

interface Person {
  personId: string;
  snapshot: RegistrationSnapshotV1;
}
const person = (name: string, at: School | null, role: string, cityId = at?.cityId ?? c1): Person => ({
  personId: `person-${name}`,
  snapshot: { schoolId: at?.schoolId ?? null, sector: at?.sector ?? null, cityId, role },
});
const p1 = person('p1', B, 'teacher');
const p2 = person('p2', C, 'principal'); // a school leader; attends in Oakland too
const p3 = person('p3', A, 'teacher');
const p4 = person('p4', A, 'teacher');
const p5 = person('p5', null, 'chief'); // a district chief: an organization's role, no school
const p6 = person('p6', D, 'teacher');
const p7 = person('p7', B, 'teacher');
const p8 = person('p8', C, 'teacher');
const p9 = person('p9', B, 'teacher');
const p10 = person('p10', C, 'teacher');
const p11 = person('p11', A, 'teacher');
const p12 = person('p12', F, 'teacher');
const p13 = person('p13', G, 'principal');
const p14 = person('p14', F, 'teacher');
const [p15, p16, p17, p18] = ['p15', 'p16', 'p17', 'p18'].map((name) => person(name, F, 'teacher'));

interface ProgramEventSpec {
  eventId: string;
  cityId: string;
  seriesId: string | null;
  host: School | null;
  kind: EventKind;
  title: string;
  startsOn: string;
  timeZone: string;
  creditHours: number;
}
const DENVER = 'America/Denver';
const OAKLAND = 'America/Los_Angeles';
// 16:00Z is the morning of the same day in both cities.
const startOf = (day: string) => `${day}T16:00:00.000Z`;
const endOf = (day: string) => `${day}T19:00:00.000Z`;

const spec = (cityId: string, title: string, startsOn: string, host: School | null, extra: Partial<ProgramEventSpec> = {}): ProgramEventSpec => ({
  eventId: randomUUID(),
  cityId,
  seriesId: null,
  host,
  kind: 'workshop',
  title,
  startsOn,
  timeZone: cityId === c1 ? DENVER : OAKLAND,
  creditHours: 3,
  ...extra,
});

const eventFact = (e: ProgramEventSpec) => ({
  eventId: e.eventId,
  cityId: e.cityId,
  seriesId: e.seriesId,
  hostSchoolId: e.host?.schoolId ?? null,
  hostSector: e.host?.sector ?? null,
});

function scheduled(e: ProgramEventSpec, at: string): Published {
  return event(
    EventScheduled,
    e.eventId,
    e.cityId,
    {
      ...eventFact(e),
      kind: e.kind,
      title: e.title,
      venue: e.host ? null : 'Central Library, Room 2',
      facilitatorPersonIds: [],
      topics: ['literacy'],
      audience: 'mixed',
      format: 'in_person',
      startsAt: startOf(e.startsOn),
      endsAt: endOf(e.startsOn),
      timeZone: e.timeZone,
      startsOn: e.startsOn,
      capacity: null,
      registrationOpensAt: null,
      registrationClosesAt: null,
      creditHours: e.creditHours,
      waitlistOrdering: 'fifo',
      offerHours: 48,
    },
    at,
  );
}

function rescheduled(e: ProgramEventSpec, from: string, to: string, at: string): Published {
  return event(
    EventRescheduled,
    e.eventId,
    e.cityId,
    {
      ...eventFact(e),
      previousStartsAt: startOf(from),
      previousEndsAt: endOf(from),
      previousTimeZone: e.timeZone,
      startsAt: startOf(to),
      endsAt: endOf(to),
      timeZone: e.timeZone,
      startsOn: to,
      registrationOpensAt: null,
      registrationClosesAt: null,
      sequence: 1,
      reason: 'Facilitator ill',
    },
    at,
  );
}

const completed = (e: ProgramEventSpec): Published =>
  event(
    EventCompleted,
    e.eventId,
    e.cityId,
    {
      ...eventFact(e),
      kind: e.kind,
      startsAt: startOf(e.startsOn),
      endsAt: endOf(e.startsOn),
      startsOn: e.startsOn,
      closedAt: `${e.startsOn}T20:00:00.000Z`,
      creditHours: e.creditHours,
    },
    `${e.startsOn}T20:00:00.000Z`,
  );

const eventCancelled = (e: ProgramEventSpec, at: string): Published =>
  event(
    EventCancelled,
    e.eventId,
    e.cityId,
    { ...eventFact(e), reason: 'Host building closed for repairs', cancelledAt: at, startsAt: startOf(e.startsOn), startsOn: e.startsOn },
    at,
  );

/** One registration per person and event (a series registration is one per session). */
const registrationIds = new Map<string, string>();
function fact(e: ProgramEventSpec, p: Person): RegistrationFactV1 {
  const key = `${e.eventId}/${p.personId}`;
  const registrationId = registrationIds.get(key) ?? randomUUID();
  registrationIds.set(key, registrationId);
  return { registrationId, eventId: e.eventId, seriesId: e.seriesId, cityId: e.cityId, personId: p.personId, snapshot: p.snapshot };
}

const registered = (e: ProgramEventSpec, p: Person, at: string) => event(RegistrationCreated, e.eventId, e.cityId, { ...fact(e, p), registeredAt: at }, at);
const waitlisted = (e: ProgramEventSpec, p: Person, at: string) => event(RegistrationWaitlisted, e.eventId, e.cityId, { ...fact(e, p), registeredAt: at }, at);
const plus48h = (at: string) => new Date(new Date(at).getTime() + 48 * 3600_000).toISOString();
const offered = (e: ProgramEventSpec, p: Person, at: string) =>
  event(RegistrationOffered, e.eventId, e.cityId, { ...fact(e, p), offeredAt: at, expiresAt: plus48h(at) }, at);
const accepted = (e: ProgramEventSpec, p: Person, offeredAt: string, at: string) =>
  event(RegistrationAccepted, e.eventId, e.cityId, { ...fact(e, p), offeredAt, acceptedAt: at }, at);
const declined = (e: ProgramEventSpec, p: Person, offeredAt: string, at: string) =>
  event(RegistrationDeclined, e.eventId, e.cityId, { ...fact(e, p), offeredAt, declinedAt: at }, at);
const offerExpired = (e: ProgramEventSpec, p: Person, offeredAt: string) =>
  event(RegistrationOfferExpired, e.eventId, e.cityId, { ...fact(e, p), offeredAt, expiresAt: plus48h(offeredAt) }, plus48h(offeredAt));
const cancelled = (
  e: ProgramEventSpec,
  p: Person,
  previousStatus: CancellableRegistrationStatus,
  at: string,
  cause: 'withdrawn' | 'event_cancelled' = 'withdrawn',
) =>
  event(
    RegistrationCancelled,
    e.eventId,
    e.cityId,
    { ...fact(e, p), previousStatus, cause, reason: null, cancelledAt: at, seatFreed: previousStatus !== 'waitlisted' },
    at,
  );
const checkedIn = (e: ProgramEventSpec, p: Person, day = e.startsOn) =>
  event(
    AttendanceRecorded,
    e.eventId,
    e.cityId,
    { ...fact(e, p), outcome: 'attended', checkedInAt: `${day}T15:55:00.000Z`, creditHours: e.creditHours },
    `${day}T15:55:00.000Z`,
  );
const noShow = (e: ProgramEventSpec, p: Person) =>
  event(AttendanceRecorded, e.eventId, e.cityId, { ...fact(e, p), outcome: 'no_show', checkedInAt: null, creditHours: 0 }, `${e.startsOn}T20:00:00.000Z`);
const corrected = (e: ProgramEventSpec, p: Person, previousOutcome: AttendanceOutcome, outcome: AttendanceOutcome, at: string) =>
  event(
    AttendanceCorrected,
    e.eventId,
    e.cityId,
    {
      ...fact(e, p),
      previousOutcome,
      outcome,
      checkedInAt: null,
      creditHours: outcome === 'attended' ? e.creditHours : 0,
      reason: outcome === 'attended' ? 'Signed the paper sheet' : 'Checked in by mistake',
    },
    at,
  );
const responseIds = new Map<string, string>();
function survey(e: ProgramEventSpec, p: Person, revision: number, usefulness: number, recommend: number, at: string): Published {
  const key = `${e.eventId}/${p.personId}`;
  const responseId = responseIds.get(key) ?? randomUUID();
  responseIds.set(key, responseId);
  return event(
    SurveySubmitted,
    e.eventId,
    e.cityId,
    { ...fact(e, p), responseId, revision, usefulness, recommend, intent: 'yes' as const, hasComment: false, submittedAt: at },
    at,
  );
}

// --- Denver (c1) ---

// ev1, 2024-10-05, hosted by A (charter): before the 2025 period, so its people and schools are repeats in it.
const ev1 = spec(c1, 'Reading across the curriculum', '2024-10-05', A);
const ev1Story = [
  scheduled(ev1, '2024-09-01T10:00:00Z'),
  ...[p1, p2, p3].map((p, i) => registered(ev1, p, `2024-09-0${2 + i}T10:00:00Z`)),
  ...[p1, p2, p3].map((p) => checkedIn(ev1, p)),
  completed(ev1),
  survey(ev1, p1, 1, 5, 10, '2024-10-06T10:00:00Z'),
  survey(ev1, p2, 1, 4, 9, '2024-10-06T11:00:00Z'),
];

// ev2, 2025-03-08, hosted by B (district), capacity 5: p7 withdraws and waitlisted p6 takes the seat; p4 missed
// the check-in and is corrected to attended, p8 was checked in by mistake and is corrected to no_show; p1
// revises the survey.
const ev2 = spec(c1, 'Data-driven instruction', '2025-03-08', B);
export const EV2 = ev2.eventId;
const p4Corrected = corrected(ev2, p4, 'no_show', 'attended', '2025-03-09T10:00:00Z');
const p1Revised = survey(ev2, p1, 2, 4, 9, '2025-03-10T12:00:00Z');
const ev2Story = [
  scheduled(ev2, '2025-02-01T10:00:00Z'),
  ...[p1, p4, p5, p7, p8].map((p, i) => registered(ev2, p, `2025-02-0${2 + i}T10:00:00Z`)),
  waitlisted(ev2, p6, '2025-02-08T10:00:00Z'),
  cancelled(ev2, p7, 'registered', '2025-02-20T10:00:00Z'),
  offered(ev2, p6, '2025-02-20T10:00:00Z'),
  accepted(ev2, p6, '2025-02-20T10:00:00Z', '2025-02-21T09:00:00Z'),
  ...[p1, p5, p6, p8].map((p) => checkedIn(ev2, p)),
  noShow(ev2, p4),
  completed(ev2),
  p4Corrected,
  corrected(ev2, p8, 'attended', 'no_show', '2025-03-09T10:05:00Z'),
  survey(ev2, p1, 1, 3, 7, '2025-03-09T12:00:00Z'),
  survey(ev2, p6, 1, 2, 3, '2025-03-09T13:00:00Z'),
  p1Revised,
];
/** p1's first answer to ev2, sent again under a new envelope: an older revision must not replace the edit. */
export const STALE_REVISION = survey(ev2, p1, 1, 3, 7, '2025-03-09T12:00:00Z');

// ev3 at a library (no host school), first on 2025-02-20: p2 checks in, the facilitator falls ill and the
// event moves to 2025-04-12, where p9 checks in. Everything it gathered counts on its new day.
const ev3 = spec(c1, 'Family engagement', '2025-02-20', null);
const ev3Moved = { ...ev3, startsOn: '2025-04-12' };
const p2BeforeTheMove = checkedIn(ev3, p2);
const ev3Moves = rescheduled(ev3, '2025-02-20', '2025-04-12', '2025-02-20T16:30:00Z');
const ev3Story = [
  scheduled(ev3, '2025-01-20T10:00:00Z'),
  registered(ev3, p2, '2025-01-21T10:00:00Z'),
  registered(ev3, p9, '2025-01-22T10:00:00Z'),
  p2BeforeTheMove,
  ev3Moves,
  checkedIn(ev3Moved, p9),
  completed(ev3Moved),
];

// ev4, 2025-05-10 at C: cancelled, and with it p10's registration.
const ev4 = spec(c1, 'Restorative practices', '2025-05-10', C);
const ev4Story = [
  scheduled(ev4, '2025-04-01T10:00:00Z'),
  registered(ev4, p10, '2025-04-02T10:00:00Z'),
  eventCancelled(ev4, '2025-05-01T10:00:00Z'),
  cancelled(ev4, p10, 'registered', '2025-05-01T10:00:00Z', 'event_cancelled'),
];

// S1, three sessions hosted by A (charter), attended at least 2 of 3 to complete; 2 credit hours a session
// and 3 on completion. p2: 3 of 3 (6 + 3), p9: 2 of 3 (4 + 3), p11 (a teacher at the host school): 1 of 3 (2).
export const S1 = randomUUID();
const sessions = ['2025-05-03', '2025-05-17', '2025-05-31'].map((day, i) =>
  spec(c1, `Literacy series, session ${i + 1}`, day, A, { seriesId: S1, kind: 'series_session', creditHours: 2 }),
);
const [s1a, s1b, s1c] = sessions;
const s1Completed = event(
  SeriesCompleted,
  S1,
  c1,
  {
    seriesId: S1,
    cityId: c1,
    completedAt: '2025-05-31T20:00:00.000Z',
    sessionsPlanned: 3,
    sessionsHeld: 3,
    requiredSessions: 2,
    requiredSessionsApplied: 2,
    completionCreditHours: 3,
    participants: [
      { personId: p2.personId, sessionsAttended: 3, completed: true, sessionCreditHours: 6, completionCreditHours: 3 },
      { personId: p9.personId, sessionsAttended: 2, completed: true, sessionCreditHours: 4, completionCreditHours: 3 },
      { personId: p11.personId, sessionsAttended: 1, completed: false, sessionCreditHours: 2, completionCreditHours: 0 },
    ],
  },
  '2025-05-31T20:00:00Z',
);
const s1Story = [
  event(
    SeriesScheduled,
    S1,
    c1,
    { seriesId: S1, cityId: c1, title: 'Literacy series', sessionEventIds: sessions.map((s) => s.eventId), requiredSessions: 2, completionCreditHours: 3 },
    '2025-04-01T09:00:00Z',
  ),
  ...sessions.flatMap((s) => [scheduled(s, '2025-04-01T09:00:00Z'), ...[p2, p9, p11].map((p) => registered(s, p, '2025-04-02T10:00:00Z'))]),
  ...[p2, p9, p11].map((p) => checkedIn(s1a, p)),
  completed(s1a),
  ...[p2, p9].map((p) => checkedIn(s1b, p)),
  noShow(s1b, p11),
  completed(s1b),
  checkedIn(s1c, p2),
  noShow(s1c, p9),
  noShow(s1c, p11),
  completed(s1c),
  survey(s1c, p2, 1, 5, 10, '2025-06-01T10:00:00Z'),
  s1Completed,
];

// --- Oakland (c2) ---

// ev5, 2025-06-07, hosted by G (charter), capacity 5: p16 withdraws, p15 declines the offer and p2 (from
// Denver) accepts it; p18 withdraws and p17's offer expires; p14 does not come.
const ev5 = spec(c2, 'Math talks', '2025-06-07', G);
export const EV5 = ev5.eventId;
const p15Declines = declined(ev5, p15, '2025-05-20T10:00:00Z', '2025-05-20T18:00:00Z');
const ev5Story = [
  scheduled(ev5, '2025-05-01T10:00:00Z'),
  ...[p12, p13, p14, p16, p18].map((p, i) => registered(ev5, p, `2025-05-0${2 + i}T10:00:00Z`)),
  ...[p15, p2, p17].map((p, i) => waitlisted(ev5, p, `2025-05-1${i}T10:00:00Z`)),
  cancelled(ev5, p16, 'registered', '2025-05-20T10:00:00Z'),
  offered(ev5, p15, '2025-05-20T10:00:00Z'),
  p15Declines,
  offered(ev5, p2, '2025-05-20T18:00:00Z'),
  accepted(ev5, p2, '2025-05-20T18:00:00Z', '2025-05-21T08:00:00Z'),
  cancelled(ev5, p18, 'registered', '2025-05-25T10:00:00Z'),
  offered(ev5, p17, '2025-05-25T10:00:00Z'),
  offerExpired(ev5, p17, '2025-05-25T10:00:00Z'),
  ...[p12, p13, p2].map((p) => checkedIn(ev5, p)),
  noShow(ev5, p14),
  completed(ev5),
  survey(ev5, p12, 1, 4, 6, '2025-06-08T10:00:00Z'),
  survey(ev5, p13, 1, 5, 8, '2025-06-08T11:00:00Z'),
];

// S2, Oakland, scheduled for September: not held, not completed.
export const S2 = randomUUID();
const s2Sessions = ['2025-09-06', '2025-09-20'].map((day, i) => spec(c2, `Math circle, session ${i + 1}`, day, F, { seriesId: S2, kind: 'series_session' }));
const s2Story = [
  event(
    SeriesScheduled,
    S2,
    c2,
    { seriesId: S2, cityId: c2, title: 'Math circle', sessionEventIds: s2Sessions.map((s) => s.eventId), requiredSessions: 2, completionCreditHours: 4 },
    '2025-07-01T09:00:00Z',
  ),
  ...s2Sessions.map((s) => scheduled(s, '2025-07-01T09:00:00Z')),
];

/** Everything, each event's records in the order the events service writes them (one key, one partition). */
export const STORY: Published[] = [...directory, ...ev1Story, ...ev2Story, ...ev3Story, ...ev4Story, ...s1Story, ...ev5Story, ...s2Story];

/** Deliveries that must change nothing: the same envelopes again (a correction, a revision, a check-in, a reschedule, ...). */
export const REDELIVERED: Published[] = [p4Corrected, p1Revised, p2BeforeTheMove, ev3Moves, s1Completed, p15Declines];

/** A registration for an event the topic never scheduled: it cannot be counted, so it is dead-lettered. */
export const ORPHAN = registered(spec(c1, 'Never scheduled', '2025-04-01', null), p1, '2025-03-01T10:00:00Z');

/** The period the figures below are for. */
export const SPRING = { from: '2025-03-01', to: '2025-06-30' };

/*
 * Network, spring 2025 (by hand):
 * Denver: held ev2, ev3 (moved into the period), s1a-c; ev4 cancelled -> events 2 stand-alone + 1 series = 3,
 *   sessions 5. Registrations: ev2 p1 p4 p5 p6 p8 (p7 withdrew) 5, ev3 2, ev4 0, S1 3 x 3 (no-shows count) 9
 *   -> 16. Attendances: ev2 p1 p4 p5 p6 (p8 corrected away) 4, ev3 2, S1 3 + 2 + 1 -> 12. Participants p1 p2
 *   p4 p5 p6 p9 p11 -> 7. Schools: ev2 (host B) A D; ev3 C B; S1 (host A) C B -> A B C D 4 (p1 at B's own event
 *   and p11 at A's own series do not reach their schools). Leaders: p2 (principal), p5 (chief) -> 2.
 * Oakland: ev5 held: events 1, sessions 1; registrations p12 p13 p14 p2 4 (p16 p18 withdrew, p15 declined,
 *   p17 expired); attendances 3; participants p12 p13 p2 3; schools F and Denver's C 2 (G hosts); leaders p13 p2 2.
 * Together: 2 cities; participants 9 and leaders 3, since p2 is counted in both cities but once in all.
 */
export const NETWORK_SPRING = {
  items: [
    { cityId: c1, cityName: 'Denver', events: 3, sessions: 5, registrations: 16, attendances: 12, participants: 7, schools: 4, schoolLeaders: 2 },
    { cityId: c2, cityName: 'Oakland', events: 1, sessions: 1, registrations: 4, attendances: 3, participants: 3, schools: 2, schoolLeaders: 2 },
  ],
  totals: { cities: 2, events: 4, sessions: 6, registrations: 20, attendances: 15, participants: 9, schools: 5, schoolLeaders: 3 },
};

/* All time adds ev1 to Denver: +1 event and session, +3 registrations and attendances, p3 a new participant. */
export const NETWORK_ALL_TIME = {
  items: [
    { cityId: c1, cityName: 'Denver', events: 4, sessions: 6, registrations: 19, attendances: 15, participants: 8, schools: 4, schoolLeaders: 2 },
    { cityId: c2, cityName: 'Oakland', events: 1, sessions: 1, registrations: 4, attendances: 3, participants: 3, schools: 2, schoolLeaders: 2 },
  ],
  totals: { cities: 2, events: 5, sessions: 7, registrations: 23, attendances: 18, participants: 10, schools: 5, schoolLeaders: 3 },
};

/*
 * Satisfaction, spring: Denver ev2 p1 (revised to 4, 9: promoter) and p6 (2, 3: detractor), s1c p2 (5, 10:
 * promoter) -> 3 responses of 12 attendances 0.25, usefulness 11 / 3 = 3.6667, NPS (2 - 1) / 3 = 33.33.
 * All time adds ev1's p1 (5, 10) and p2 (4, 9): 5 of 15 = 0.3333, 20 / 5 = 4, (4 - 1) / 5 = 60.
 * Oakland ev5: p12 (4, 6: detractor), p13 (5, 8: passive) -> 2 of 3 = 0.6667, 4.5, NPS -50.
 */
export const SATISFACTION_SPRING = [
  { cityId: c1, cityName: 'Denver', attendances: 12, responses: 3, responseRate: 0.25, meanUsefulness: 3.6667, nps: 33.33 },
  { cityId: c2, cityName: 'Oakland', attendances: 3, responses: 2, responseRate: 0.6667, meanUsefulness: 4.5, nps: -50 },
];
export const SATISFACTION_ALL_TIME = [
  { cityId: c1, cityName: 'Denver', attendances: 15, responses: 5, responseRate: 0.3333, meanUsefulness: 4, nps: 60 },
  SATISFACTION_SPRING[1],
];
/** Denver's held events in spring, by day. */
export const SATISFACTION_BY_EVENT_DENVER = [
  {
    eventId: ev2.eventId,
    seriesId: null,
    title: ev2.title,
    startsOn: '2025-03-08',
    attendances: 4,
    responses: 2,
    responseRate: 0.5,
    meanUsefulness: 3,
    nps: 0,
  },
  {
    eventId: ev3.eventId,
    seriesId: null,
    title: ev3.title,
    startsOn: '2025-04-12',
    attendances: 2,
    responses: 0,
    responseRate: 0,
    meanUsefulness: null,
    nps: null,
  },
  ...[s1a, s1b].map((s, i) => ({
    eventId: s.eventId,
    seriesId: S1,
    title: s.title,
    startsOn: s.startsOn,
    attendances: 3 - i,
    responses: 0,
    responseRate: 0,
    meanUsefulness: null,
    nps: null,
  })),
  { eventId: s1c.eventId, seriesId: S1, title: s1c.title, startsOn: '2025-05-31', attendances: 1, responses: 1, responseRate: 1, meanUsefulness: 5, nps: 100 },
].map((row) => ({ cityId: c1, cityName: 'Denver', ...row }));
/** S1's sessions together: 6 attendances, p2's one response. */
export const SATISFACTION_S1 = {
  cityId: c1,
  cityName: 'Denver',
  seriesId: S1,
  title: 'Literacy series',
  attendances: 6,
  responses: 1,
  responseRate: 0.1667,
  meanUsefulness: 5,
  nps: 100,
};

/*
 * Reach, spring. Denver: participants 7; first attendance in Denver ever in the period: p4 p5 p6 p9 p11 (p9's
 * check-in moved with ev3 to April) -> new 5, repeat 2 (p1 and p2 came to ev1 in 2024). Schools reached: A D
 * (new, first reached at ev2), B C (reached at ev1 in 2024) -> new 2, repeat 2. Attendances reaching a school:
 * A 1, D 1, C 4 (ev3 and three sessions), B 3 -> 9; the top 10% of 4 schools is 1, C: 4 / 9 = 0.4444.
 * Directory: A B C D H (E closed before the period) 5; never reached: H.
 * Oakland: p12 p13 p2 all new; schools F and C new; 1 attendance each: top 1 of 2 -> 0.5; directory F G, G
 * never reached (only hosted).
 */
export const REACH_SPRING = [
  {
    cityId: c1,
    cityName: 'Denver',
    participants: 7,
    newParticipants: 5,
    repeatParticipants: 2,
    schools: 4,
    newSchools: 2,
    repeatSchools: 2,
    schoolAttendances: 9,
    topSchools: 1,
    topSchoolsShare: 0.4444,
    schoolsInCity: 5,
    neverReached: 1,
  },
  {
    cityId: c2,
    cityName: 'Oakland',
    participants: 3,
    newParticipants: 3,
    repeatParticipants: 0,
    schools: 2,
    newSchools: 2,
    repeatSchools: 0,
    schoolAttendances: 2,
    topSchools: 1,
    topSchoolsShare: 0.5,
    schoolsInCity: 2,
    neverReached: 1,
  },
];
/* All time, Denver: everyone and every school is new; ev1 adds B and C one attendance each: C 5 of 11; E and H never reached. */
export const REACH_ALL_TIME = [
  {
    ...REACH_SPRING[0],
    participants: 8,
    newParticipants: 8,
    repeatParticipants: 0,
    newSchools: 4,
    repeatSchools: 0,
    schoolAttendances: 11,
    topSchoolsShare: 0.4545,
    schoolsInCity: 6,
    neverReached: 2,
  },
  REACH_SPRING[1],
];
/** February 2025: ev3 and the check-in it had then have moved to April; nobody took part. */
export const REACH_FEBRUARY_DENVER = {
  ...REACH_SPRING[0],
  participants: 0,
  newParticipants: 0,
  repeatParticipants: 0,
  schools: 0,
  newSchools: 0,
  repeatSchools: 0,
  schoolAttendances: 0,
  topSchools: 0,
  topSchoolsShare: null,
  schoolsInCity: 5, // E closed in January
  neverReached: 3, // A, D and H: B and C were reached in 2024
};

/*
 * Cross-sector, spring. Denver: ev2 (host district B): p1 district, p4 charter, p5 none, p6 catholic; ev3 (no
 * host): p2 p9 district; S1 (host charter A): p2 x3 and p9 x2 district, p11 charter once.
 * Oakland: ev5 (host charter G): p12 and p2 district, p13 charter.
 */
const mix = (cityId: string, rows: [string, string, number][]) =>
  rows.map(([attendeeSector, hostSector, attendances]) => ({
    cityId,
    cityName: cityId === c1 ? 'Denver' : 'Oakland',
    attendeeSector,
    hostSector,
    attendances,
  }));
export const CROSS_SECTOR_SPRING = [
  ...mix(c1, [
    ['catholic', 'district', 1],
    ['charter', 'charter', 1],
    ['charter', 'district', 1],
    ['district', 'charter', 5],
    ['district', 'district', 1],
    ['district', 'none', 2],
    ['none', 'district', 1],
  ]),
  ...mix(c2, [
    ['charter', 'charter', 1],
    ['district', 'charter', 2],
  ]),
];
/* All time adds ev1 (host charter A): p1 and p2 district, p3 charter. */
export const CROSS_SECTOR_ALL_TIME = CROSS_SECTOR_SPRING.map((row) =>
  row.cityId === c1 && row.hostSector === 'charter' ? { ...row, attendances: row.attendances + (row.attendeeSector === 'district' ? 2 : 1) } : row,
);

export const SERIES = [
  {
    seriesId: S1,
    cityId: c1,
    cityName: 'Denver',
    title: 'Literacy series',
    sessions: 3,
    requiredSessions: 2,
    status: 'completed',
    participants: 3,
    completed: 2,
    completionRate: 0.6667,
    creditHours: 18,
  },
  {
    seriesId: S2,
    cityId: c2,
    cityName: 'Oakland',
    title: 'Math circle',
    sessions: 2,
    requiredSessions: 2,
    status: 'scheduled',
    participants: null,
    completed: null,
    completionRate: null,
    creditHours: null,
  },
];

// --- A busy city (c3), for concurrency ---

// Boise: the same eight people (one a principal) attend 24 Saturday workshops at a library, so their first
// attendances are changed by records on every partition at once. Then every attendance of the first
// Saturday is corrected to no_show: their first attendance moves to the second Saturday.
export const c3 = id('3');
const K = school(c3, 'district');
const regulars = Array.from({ length: 8 }, (_, i) => person(`boise-${i + 1}`, K, i === 0 ? 'principal' : 'teacher', c3));
export const SATURDAYS = Array.from({ length: 24 }, (_, i) => dayOf(Date.UTC(2025, 0, 4) + i * 7 * 86_400_000));
const workshops = SATURDAYS.map((day, i) => ({ ...spec(c3, `Saturday workshop ${i + 1}`, day, null), timeZone: 'America/Boise' }));
/** In rounds across all the workshops, so every partition has records of the same people at the same time. */
export const BUSY_CITY_STORY: Published[] = [
  event(CityCreated, c3, c3, { cityId: c3, name: 'Boise', state: 'ID' }, '2024-12-01T09:00:00Z'),
  event(SchoolCreated, K.schoolId, c3, { ...K, name: 'Boise High', organizationId: null, ncesId: null }, '2024-12-01T09:00:00Z'),
  ...workshops.map((w) => scheduled(w, '2024-12-15T10:00:00Z')),
  ...workshops.flatMap((w) => regulars.map((p) => registered(w, p, '2024-12-16T10:00:00Z'))),
  ...workshops.flatMap((w) => regulars.map((p) => checkedIn(w, p))),
  ...workshops.map((w) => completed(w)),
  ...regulars.map((p) => corrected(workshops[0], p, 'attended', 'no_show', '2025-01-05T10:00:00Z')),
];

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The story's builders, for tests that tell stories of their own (test/reach-months.int-spec.ts). */
export { type Person, type School, checkedIn, completed, corrected, person, registered, rescheduled, scheduled, school, spec };

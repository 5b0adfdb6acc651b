import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { type EventContract, PayloadValidationError, allContracts, validatePayload } from '../registry';
import { EventCancelled, EventCompleted, EventFlagged, EventRescheduled, EventScheduled } from './events';
import { AttendanceCorrected, AttendanceRecorded } from './attendance';
import {
  RegistrationAccepted,
  RegistrationCancelled,
  RegistrationCreated,
  RegistrationDeclined,
  RegistrationOfferExpired,
  RegistrationOffered,
  RegistrationWaitlisted,
} from './registrations';
import { SeriesCompleted, SeriesScheduled } from './series';
import { SurveySubmitted } from './surveys';

const event = { eventId: 'evt_1', cityId: 'city_1', seriesId: null, hostSchoolId: 'sch_1', hostSector: 'charter' };
const times = { startsAt: '2026-03-14T16:00:00.000Z', endsAt: '2026-03-14T19:00:00.000Z', timeZone: 'America/Denver', startsOn: '2026-03-14' };
const registration = {
  registrationId: 'reg_1',
  eventId: 'evt_1',
  seriesId: null,
  cityId: 'city_1',
  personId: 'per_1',
  snapshot: { schoolId: 'sch_2', sector: 'district', cityId: 'city_1', role: 'principal' },
};
const at = '2026-03-01T12:00:00.000Z';

type Sample = readonly [EventContract, Record<string, unknown>];

// The registry stores contracts the same way: a payload type is erased once it is registered.
const of = <P extends object>(contract: EventContract<P>, payload: Record<string, unknown>): Sample => [contract as unknown as EventContract, payload];

/** One valid payload per contract: the examples double as documentation of what each record looks like. */
const samples: readonly Sample[] = [
  of(EventScheduled, {
    ...event,
    ...times,
    kind: 'workshop',
    title: 'Reading across the curriculum',
    venue: null,
    facilitatorPersonIds: ['per_9'],
    topics: ['literacy'],
    audience: 'teachers',
    format: 'in_person',
    capacity: 30,
    registrationOpensAt: null,
    registrationClosesAt: '2026-03-13T06:00:00.000Z',
    creditHours: 3,
    waitlistOrdering: 'coverage_first',
    offerHours: 48,
  }),
  of(EventRescheduled, {
    ...event,
    ...times,
    previousStartsAt: '2026-03-07T16:00:00.000Z',
    previousEndsAt: '2026-03-07T19:00:00.000Z',
    previousTimeZone: 'America/Denver',
    registrationOpensAt: null,
    registrationClosesAt: null,
    sequence: 1,
    reason: 'snow day',
  }),
  of(EventCancelled, { ...event, reason: 'facilitator ill', cancelledAt: at, startsAt: times.startsAt, startsOn: times.startsOn }),
  of(EventFlagged, {
    ...event,
    reason: 'host_leader_changed',
    effectiveDate: '2026-03-02',
    transitionId: 'tr_1',
    startsAt: times.startsAt,
    startsOn: times.startsOn,
  }),
  of(EventCompleted, {
    ...event,
    kind: 'workshop',
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    startsOn: times.startsOn,
    closedAt: '2026-03-14T20:00:00.000Z',
    creditHours: 1.5,
  }),
  of(SeriesScheduled, {
    seriesId: 'ser_1',
    cityId: 'city_1',
    title: 'Saturday math',
    sessionEventIds: ['evt_1', 'evt_2', 'evt_3'],
    requiredSessions: 2,
    completionCreditHours: 6,
  }),
  of(SeriesCompleted, {
    seriesId: 'ser_1',
    cityId: 'city_1',
    completedAt: at,
    sessionsPlanned: 3,
    sessionsHeld: 3,
    requiredSessions: 2,
    requiredSessionsApplied: 2,
    completionCreditHours: 6,
    participants: [{ personId: 'per_1', sessionsAttended: 2, completed: true, sessionCreditHours: 6, completionCreditHours: 6 }],
  }),
  of(RegistrationCreated, { ...registration, registeredAt: at }),
  of(RegistrationWaitlisted, { ...registration, registeredAt: at }),
  of(RegistrationOffered, { ...registration, offeredAt: at, expiresAt: '2026-03-03T12:00:00.000Z' }),
  of(RegistrationAccepted, { ...registration, offeredAt: at, acceptedAt: '2026-03-02T12:00:00.000Z' }),
  of(RegistrationDeclined, { ...registration, offeredAt: at, declinedAt: '2026-03-02T12:00:00.000Z' }),
  of(RegistrationOfferExpired, { ...registration, offeredAt: at, expiresAt: '2026-03-03T12:00:00.000Z' }),
  of(RegistrationCancelled, { ...registration, previousStatus: 'registered', cause: 'withdrawn', reason: null, cancelledAt: at, seatFreed: true }),
  of(AttendanceRecorded, { ...registration, outcome: 'attended', checkedInAt: '2026-03-14T15:55:00.000Z', creditHours: 3 }),
  of(AttendanceCorrected, {
    ...registration,
    previousOutcome: 'no_show',
    outcome: 'attended',
    checkedInAt: null,
    creditHours: 3,
    reason: 'paper sign-in sheet',
  }),
  of(SurveySubmitted, { ...registration, responseId: 'rsp_1', revision: 1, usefulness: 5, recommend: 9, intent: 'yes', hasComment: true, submittedAt: at }),
];

async function rejection<P extends object>(contract: EventContract<P>, payload: unknown): Promise<string[]> {
  try {
    await validatePayload(contract, payload);
  } catch (error) {
    if (error instanceof PayloadValidationError) return error.details;
    throw error;
  }
  throw new Error(`expected ${contract.type} to reject ${JSON.stringify(payload)}`);
}

const sample = (contract: { type: string }) => {
  const found = samples.find(([c]) => c.type === contract.type);
  if (!found) throw new Error(`no sample for ${contract.type}`);
  return found[1];
};

/** Property names of a payload class and of the nested classes it validates, e.g. `snapshot.schoolId`. */
function propertyNames(target: new (...args: never[]) => object, prefix = ''): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const names = [...new Set(metas.map((m) => m.propertyName))].map((p) => `${prefix}${p}`);
  const nested = metas.filter((m) => m.type === 'nestedValidation');
  return [
    ...names,
    ...nested.flatMap((m) => {
      const type: unknown = Reflect.getMetadata('design:type', target.prototype as object, m.propertyName);
      return typeof type === 'function' && type !== Array && type !== Object ? propertyNames(type as new () => object, `${prefix}${m.propertyName}.`) : [];
    }),
  ];
}

describe('events.programs.v1 contracts', () => {
  const programs = allContracts().filter((c) => c.type.startsWith('events.'));

  it('are all on events.programs.v1 and each has a sample here', () => {
    expect(programs.map((c) => c.type).sort()).toEqual(samples.map(([c]) => c.type).sort());
    expect(programs).toHaveLength(17);
    for (const c of programs) expect(c.topic).toBe('events.programs.v1');
  });

  it('say which id is the key: the series id for series records, the event id for everything else', () => {
    for (const c of programs) {
      expect(c.description).toMatch(c.type.startsWith('events.series.') ? /Key: series id\.$/ : /Key: event id\.$/);
    }
  });

  it('carry the key in the payload', () => {
    for (const [c, payload] of samples) {
      expect(payload[c.type.startsWith('events.series.') ? 'seriesId' : 'eventId']).toEqual(expect.any(String));
    }
  });

  it.each(samples.map(([c, p]) => [c.type, c, p] as const))('%s accepts its sample', async (_type, contract, payload) => {
    await expect(validatePayload(contract, payload)).resolves.toEqual(payload);
  });

  it('carry no contact data: no email (or phone) anywhere, nested snapshots included', () => {
    for (const c of programs) {
      const names = propertyNames(c.payload);
      expect(names.filter((n) => /mail|phone/i.test(n))).toEqual([]);
    }
    expect(propertyNames(RegistrationCreated.payload)).toEqual(expect.arrayContaining(['snapshot.schoolId', 'snapshot.role']));
  });

  it('carry the host school and sector on every event record, the snapshot on every registration, attendance and survey record', () => {
    for (const c of programs.filter((p) => p.type.startsWith('events.event.'))) {
      expect(propertyNames(c.payload)).toEqual(expect.arrayContaining(['eventId', 'hostSchoolId', 'hostSector', 'cityId']));
    }
    for (const c of programs.filter((p) => /^events\.(registration|attendance|survey)\./.test(p.type))) {
      expect(propertyNames(c.payload)).toEqual(
        expect.arrayContaining(['eventId', 'personId', 'snapshot.schoolId', 'snapshot.sector', 'snapshot.cityId', 'snapshot.role']),
      );
    }
  });
});

describe('the registration snapshot', () => {
  it('accepts a person with no school: every part null', async () => {
    const payload = { ...sample(RegistrationCreated), snapshot: { schoolId: null, sector: null, cityId: null, role: null } };
    await expect(validatePayload(RegistrationCreated, payload)).resolves.toEqual(payload);
  });

  it('rejects an unknown sector and an undeclared field inside it', async () => {
    const details = await rejection(RegistrationCreated, {
      ...sample(RegistrationCreated),
      snapshot: { ...registration.snapshot, sector: 'private', email: 'a@b.org' },
    });
    expect(details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^snapshot\.sector: /), expect.stringMatching(/^snapshot\.email: .*should not exist/)]),
    );
  });

  it('is required', async () => {
    const { snapshot: _snapshot, ...withoutSnapshot } = sample(RegistrationWaitlisted);
    expect(await rejection(RegistrationWaitlisted, withoutSnapshot)).toEqual(expect.arrayContaining([expect.stringMatching(/^snapshot: /)]));
  });
});

describe('field rules', () => {
  it('takes instants in UTC only, and time zones IANA only', async () => {
    const details = await rejection(EventScheduled, {
      ...sample(EventScheduled),
      startsAt: '2026-03-14T09:00:00-07:00',
      endsAt: '2026-03-14 19:00:00Z',
      timeZone: 'Mountain Time',
    });
    expect(details.map((d) => d.split(':')[0]).sort()).toEqual(['endsAt', 'startsAt', 'timeZone']);
  });

  it('takes the start day as a calendar date', async () => {
    expect(await rejection(EventScheduled, { ...sample(EventScheduled), startsOn: '2026-3-14' })).toEqual([expect.stringMatching(/^startsOn: /)]);
  });

  it('refuses a negative capacity, negative credit and an offer window under one hour, accepts no capacity', async () => {
    const details = await rejection(EventScheduled, { ...sample(EventScheduled), capacity: -1, creditHours: -0.5, offerHours: 0 });
    expect(details.map((d) => d.split(':')[0]).sort()).toEqual(['capacity', 'creditHours', 'offerHours']);
    const unlimited = { ...sample(EventScheduled), capacity: null };
    await expect(validatePayload(EventScheduled, unlimited)).resolves.toEqual(unlimited);
  });

  it('knows the kinds, audiences, formats, orderings and flag reasons of the issue, and no others', async () => {
    const details = await rejection(EventScheduled, {
      ...sample(EventScheduled),
      kind: 'webinar',
      audience: 'parents',
      format: 'hybrid',
      waitlistOrdering: 'random',
    });
    expect(details.map((d) => d.split(':')[0]).sort()).toEqual(['audience', 'format', 'kind', 'waitlistOrdering']);
    expect(await rejection(EventFlagged, { ...sample(EventFlagged), reason: 'host_moved' })).toEqual([expect.stringMatching(/^reason: /)]);
  });

  it.each([
    ['usefulness', 0],
    ['usefulness', 6],
    ['usefulness', 4.5],
    ['recommend', -1],
    ['recommend', 11],
    ['recommend', 9.5],
    ['intent', 'maybe'],
    ['revision', 0],
  ])('refuses a survey with %s = %p', async (field, value) => {
    const details = await rejection(SurveySubmitted, { ...sample(SurveySubmitted), [field]: value });
    expect(details.every((d) => d.startsWith(`${field}:`))).toBe(true);
  });

  it.each([
    ['usefulness', 1],
    ['usefulness', 5],
    ['recommend', 0],
    ['recommend', 10],
  ])('accepts a survey with %s = %p (the ends of the scale)', async (field, value) => {
    const payload = { ...sample(SurveySubmitted), [field]: value };
    await expect(validatePayload(SurveySubmitted, payload)).resolves.toEqual(payload);
  });

  it('refuses a free-text comment on the survey record', async () => {
    expect(await rejection(SurveySubmitted, { ...sample(SurveySubmitted), comment: 'great' })).toEqual([expect.stringMatching(/^comment: .*should not exist/)]);
  });

  it('only cancels from a live, unattended status, and knows why', async () => {
    const details = await rejection(RegistrationCancelled, { ...sample(RegistrationCancelled), previousStatus: 'attended', cause: 'bored' });
    expect(details.map((d) => d.split(':')[0]).sort()).toEqual(['cause', 'previousStatus']);
  });

  it('records attendance outcomes attended and no_show only', async () => {
    expect(await rejection(AttendanceRecorded, { ...sample(AttendanceRecorded), outcome: 'late' })).toEqual([expect.stringMatching(/^outcome: /)]);
  });

  it('needs at least one session and N of at least 1 for a series, and validates each participant outcome', async () => {
    const details = await rejection(SeriesScheduled, { ...sample(SeriesScheduled), sessionEventIds: [], requiredSessions: 0 });
    expect(details.map((d) => d.split(':')[0]).sort()).toEqual(['requiredSessions', 'sessionEventIds']);
    const outcome = await rejection(SeriesCompleted, {
      ...sample(SeriesCompleted),
      participants: [{ personId: 'per_1', sessionsAttended: -1, completed: 'yes', sessionCreditHours: 0, completionCreditHours: 0 }],
    });
    expect(outcome.map((d) => d.split(':')[0]).sort()).toEqual(['participants.0.completed', 'participants.0.sessionsAttended']);
  });
});

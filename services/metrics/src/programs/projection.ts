// How each record of `events.programs.v1` changes the professional-development projection. Every change is a
// pure function of the records (their days come from the records, never from a clock), so a replay into
// empty tables rebuilds the same rows. Records of one event share its key, so they arrive in the order the
// events service wrote them: the registration state and survey revisions below say what a record changes
// *from*, which is what keeps the running totals exact through cancellations, corrections and edits.
import type {
  EventScheduledV1,
  EventStatus,
  RegistrationFactV1,
  RegistrationStatus,
  SeriesCompletedV1,
  SeriesScheduledV1,
  SurveySubmittedV1,
} from '@crosswalk/contracts';
import { PermanentEventError } from '@crosswalk/messaging';
import type { EntityManager } from 'typeorm';
import { type AttendeeSector, contributionChange, isSchoolLeader, reachedSchoolOf, sectorOrNone } from './participation.rules';
import { ProgramEvent } from './program-event.entity';
import { ProgramSeries } from './program-series.entity';
import { attendanceAdded, attendanceRemoved, attendancesMoved } from './reach.projection';
import { RegistrationState } from './registration-state.entity';
import { tallyChange } from './satisfaction.rules';
import { SectorAttendance } from './sector-attendance.entity';
import { seriesOutcome } from './series.rules';
import { keyOf } from './subjects';
import { SurveyResponse } from './survey-response.entity';

type EventTotal = 'registrations' | 'attendances' | 'responses' | 'usefulnessTotal' | 'promoters' | 'detractors';

/**
 * The event a record belongs to. Its `events.event.scheduled` comes first on the event's partition, so an
 * unknown event means the topic lost records: retrying cannot help, and the record is dead-lettered.
 */
async function knownEvent(manager: EntityManager, eventId: string): Promise<ProgramEvent> {
  const event = await manager.findOneBy(ProgramEvent, { eventId });
  if (!event) throw new PermanentEventError(`Event ${eventId} was never scheduled on events.programs.v1: its records cannot be counted`);
  return event;
}

/** Adds to an event's running totals in one UPDATE (increments, so nothing read earlier can be stale). */
async function addToEvent(manager: EntityManager, eventId: string, change: Partial<Record<EventTotal, number>>): Promise<void> {
  const set: Partial<Record<EventTotal, () => string>> = {};
  for (const [column, n] of Object.entries(change) as [EventTotal, number][]) {
    if (n !== 0) set[column] = () => `${column} + ${n}`;
  }
  if (Object.keys(set).length === 0) return;
  await manager.createQueryBuilder().update(ProgramEvent).set(set).where('eventId = :eventId', { eventId }).execute();
}

async function addSectorAttendance(manager: EntityManager, eventId: string, attendeeSector: AttendeeSector, n: number): Promise<void> {
  await manager.createQueryBuilder().insert().into(SectorAttendance).values({ eventId, attendeeSector, attendances: 0 }).orIgnore().execute();
  await manager
    .createQueryBuilder()
    .update(SectorAttendance)
    .set({ attendances: () => `attendances + ${n}` })
    .where('eventId = :eventId AND attendeeSector = :attendeeSector', { eventId, attendeeSector })
    .execute();
}

/** A new event. Scheduled once: a later record of it never comes back to this. */
export async function eventScheduled(manager: EntityManager, e: EventScheduledV1): Promise<void> {
  if (await manager.findOneBy(ProgramEvent, { eventId: e.eventId })) return;
  await manager.insert(ProgramEvent, {
    eventId: e.eventId,
    cityId: e.cityId,
    seriesId: e.seriesId ?? null,
    title: e.title,
    hostSchoolId: e.hostSchoolId ?? null,
    hostSector: e.hostSector ?? null,
    startsOn: e.startsOn,
    status: 'scheduled',
  });
}

/**
 * The event's day (and status) as its latest record gives them. A reschedule to another day moves its
 * attendances with it, so every period report counts the event, and all it gathered, on its new day.
 */
export async function eventDayAndStatus(manager: EntityManager, eventId: string, startsOn: string, status?: EventStatus): Promise<void> {
  const event = await knownEvent(manager, eventId);
  if (event.startsOn === startsOn && (status === undefined || event.status === status)) return;
  await manager.update(ProgramEvent, { eventId }, status === undefined ? { startsOn } : { startsOn, status });
  if (event.startsOn !== startsOn) await attendancesMoved(manager, eventId, startsOn);
}

/** A registration reached `status`: the event's totals, its sector mix and the participation rows follow. */
export async function registrationStatus(manager: EntityManager, fact: RegistrationFactV1, status: RegistrationStatus): Promise<void> {
  const event = await knownEvent(manager, fact.eventId);
  const previous = await manager.findOneBy(RegistrationState, { registrationId: fact.registrationId });
  if (previous?.status === status) return;
  if (previous) await manager.update(RegistrationState, { registrationId: fact.registrationId }, { status });
  else await manager.insert(RegistrationState, { registrationId: fact.registrationId, eventId: fact.eventId, status });

  const change = contributionChange(previous?.status ?? null, status);
  await addToEvent(manager, fact.eventId, change);
  if (change.attendances === 0) return;
  await addSectorAttendance(manager, fact.eventId, sectorOrNone(fact.snapshot.sector), change.attendances);
  if (change.attendances < 0) {
    await attendanceRemoved(manager, fact.registrationId);
    return;
  }
  const personKey = await keyOf(manager, 'person', fact.personId);
  const reachedSchoolId = reachedSchoolOf(fact.snapshot.schoolId ?? null, event.hostSchoolId);
  await attendanceAdded(manager, {
    registrationId: fact.registrationId,
    eventId: fact.eventId,
    cityKey: await keyOf(manager, 'city', event.cityId),
    personKey,
    startsOn: event.startsOn,
    schoolKey: reachedSchoolId === null ? null : await keyOf(manager, 'school', reachedSchoolId),
    leaderKey: isSchoolLeader(fact.snapshot.role ?? null) ? personKey : null,
  });
}

/** A survey answer or an edit of it: only a higher revision replaces what is counted. */
export async function surveySubmitted(manager: EntityManager, s: SurveySubmittedV1): Promise<void> {
  await knownEvent(manager, s.eventId);
  const previous = await manager.findOneBy(SurveyResponse, { responseId: s.responseId });
  if (previous && previous.revision >= s.revision) return;
  const answer = { revision: s.revision, usefulness: s.usefulness, recommend: s.recommend };
  if (previous) await manager.update(SurveyResponse, { responseId: s.responseId }, answer);
  else await manager.insert(SurveyResponse, { responseId: s.responseId, eventId: s.eventId, ...answer });
  await addToEvent(manager, s.eventId, tallyChange(previous, s));
}

export async function seriesScheduled(manager: EntityManager, s: SeriesScheduledV1): Promise<void> {
  if (await manager.findOneBy(ProgramSeries, { seriesId: s.seriesId })) return;
  await manager.insert(ProgramSeries, {
    seriesId: s.seriesId,
    cityId: s.cityId,
    title: s.title,
    sessions: s.sessionEventIds.length,
    requiredSessions: s.requiredSessions,
  });
}

/** The series' outcome; should completion be decided again (a later record), the latest decision stands. */
export async function seriesCompleted(manager: EntityManager, s: SeriesCompletedV1): Promise<void> {
  const series = await manager.findOneBy(ProgramSeries, { seriesId: s.seriesId });
  if (!series) throw new PermanentEventError(`Series ${s.seriesId} was never scheduled on events.programs.v1: its completion cannot be counted`);
  const completedAt = new Date(s.completedAt);
  if (series.completedAt !== null && new Date(series.completedAt).getTime() >= completedAt.getTime()) return;
  await manager.update(ProgramSeries, { seriesId: s.seriesId }, { completedAt, ...seriesOutcome(s.participants) });
}

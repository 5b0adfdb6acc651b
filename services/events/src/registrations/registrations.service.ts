import { Injectable } from '@nestjs/common';
import { assertMayBackfill } from '../events/backfill';
import { DataSource, type EntityManager, In, LessThanOrEqual } from 'typeorm';
import {
  AttendanceRecorded,
  RegistrationAccepted,
  RegistrationCancelled,
  type RegistrationCancellationCause,
  type CancellableRegistrationStatus,
  RegistrationCreated,
  RegistrationDeclined,
  type RegistrationFactV1,
  RegistrationOfferExpired,
  RegistrationOffered,
  type RegistrationStatus,
  RegistrationWaitlisted,
} from '@crosswalk/contracts';
import { type Principal, visibleOrNotFound } from '@crosswalk/auth';
import { type TransactionScope, UnitOfWork, type UnitOfWorkRunOptions } from '@crosswalk/messaging';
import { claimDue, newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { type RegistrationRequestKind, localDate, registrationRefusal } from '../events/event-schedule.rules';
import { afterLockIsolation, lockedEvent } from '../events/event-lock';
import { NetworkEvent } from '../events/network-event.entity';
import { invalidFields, refused } from '../problem-answers';
import { problem } from '../problems';
import type { OfferExpiryResponse, RegistrationQuery, RegistrationResponse } from './dto/registration.dto';
import { RegistrationChange, type RegistrationChangeCause } from './registration-change.entity';
import { Registration } from './registration.entity';
import { SEAT_HOLDING_STATUSES, actionRefusal, existingRegistration, holdsSeat } from './registration-status.rules';
import { acceptRefusal, monthsBefore, COVERAGE_WINDOW_MONTHS, offersToMake, placement, recentlyReachedSchools, waitlistOrder } from './waitlist.rules';

/** How many registrations of an event are in each status the event answers with. */
export interface RegistrationCounts {
  registered: number;
  waitlisted: number;
  offered: number;
  attended: number;
  noShow: number;
}

const NO_REGISTRATIONS: RegistrationCounts = { registered: 0, waitlisted: 0, offered: 0, attended: 0, noShow: 0 };
const LIVE_STATUSES: readonly CancellableRegistrationStatus[] = ['registered', 'waitlisted', 'offered'];

/**
 * Registrations, seats and the waitlist. Every change takes the event's row lock first (`lockedEvent`), and
 * counts seats after it, so capacity holds however many requests, offers and expiries run at once.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {}

  /**
   * The person's live registration if they have one (`created: false`), else a seat or a place in line. A
   * self-registration needs the event's window open; a backfill may record people at an event that has started.
   */
  async register(
    eventId: string,
    personId: string,
    principal: Principal,
    request: RegistrationRequestKind = { backfill: false },
  ): Promise<{ registration: RegistrationResponse; created: boolean }> {
    if (request.backfill) assertMayBackfill(principal);
    const now = this.clock.now();
    const { id, created } = await this.underEventLock(eventId, principal, async (tx, event) => {
      if (!(await this.directory.person(tx.manager, personId))) {
        throw invalidFields([problem('personId', 'unknown_person', `Person ${personId} not found`)]);
      }
      const windowRefusal = registrationRefusal(event, now, request);
      if (windowRefusal) throw refused(ProblemCode.RegistrationRefused, windowRefusal);
      const existing = existingRegistration(await tx.manager.findBy(Registration, { eventId, personId }), personId);
      if (existing) return { id: existing.id, created: false };
      const { seatsHeld, waiting } = await this.seatsOf(tx.manager, eventId);
      const registration = await this.enter(tx, event, personId, placement(event.capacity, seatsHeld, waiting), null, now);
      return { id: registration.id, created: true };
    });
    return { registration: await this.view(this.dataSource.manager, id), created };
  }

  /**
   * A new registration in `status` (a seat or a place in line), its snapshot taken from the local copy of the
   * directory on the registration's local day (the event's, once it has started), its history started and its record published. The caller holds the
   * event's lock, has asked the rules and counted the seats under it.
   */
  async enter(
    tx: TransactionScope,
    event: NetworkEvent,
    personId: string,
    status: 'registered' | 'waitlisted',
    seriesId: string | null,
    now: Date,
  ): Promise<Registration> {
    // A registration recorded once the event has started (a walk-in, a backfilled past event) describes the person
    // as they were at the event, not on the day it was typed in.
    const snapshotDay = localDate(now < event.startsAt ? now : event.startsAt, event.timeZone);
    const snapshot = await this.directory.positionOn(tx.manager, personId, snapshotDay);
    const registration: Registration = {
      id: newId(),
      eventId: event.id,
      cityId: event.cityId,
      personId,
      seriesId,
      status,
      snapshotSchoolId: snapshot.schoolId,
      snapshotSector: snapshot.sector,
      snapshotCityId: snapshot.cityId,
      snapshotRole: snapshot.role,
      registeredAt: now,
      offeredAt: null,
      offerExpiresAt: null,
    };
    await tx.manager.insert(Registration, registration);
    await this.appendHistory(tx.manager, registration, null, status, status, now);
    const payload = { ...registrationFact(registration), registeredAt: now.toISOString() };
    if (status === 'registered') tx.record(RegistrationCreated, { key: event.id, cityId: event.cityId, payload });
    else tx.record(RegistrationWaitlisted, { key: event.id, cityId: event.cityId, payload });
    return registration;
  }

  /** Seats held and people waiting at the event: counted under its lock, they are the ones there are. */
  async seatsOf(manager: EntityManager, eventId: string): Promise<{ seatsHeld: number; waiting: number }> {
    return { seatsHeld: await this.seatsHeld(manager, eventId), waiting: await manager.countBy(Registration, { eventId, status: 'waitlisted' }) };
  }

  async get(id: string, principal: Principal): Promise<RegistrationResponse> {
    visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Registration, { id }), `Registration ${id}`);
    return this.view(this.dataSource.manager, id);
  }

  async listForEvent(eventId: string, query: RegistrationQuery, principal: Principal): Promise<Page<RegistrationResponse>> {
    visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(NetworkEvent, { id: eventId }), `Event ${eventId}`);
    const select = this.dataSource.manager.createQueryBuilder(Registration, 'registration').where('registration.eventId = :eventId', { eventId });
    if (query.status) select.andWhere('registration.status = :status', { status: query.status });
    const page = await fetchPage(select, query, (r) => r);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** The person takes the seat offered to them, strictly before the offer's deadline. */
  accept(id: string, principal: Principal): Promise<RegistrationResponse> {
    return this.change(id, principal, async (tx, event, registration, now) => {
      const refusal = acceptRefusal(registration.status, registration.offerExpiresAt, now);
      if (refusal || !registration.offeredAt)
        throw refused(ProblemCode.RegistrationRefused, refusal ?? { code: 'no_open_offer', message: 'No offer to accept' });
      await this.move(tx.manager, registration, 'registered', 'accepted', now);
      tx.record(RegistrationAccepted, {
        key: event.id,
        cityId: event.cityId,
        payload: { ...registrationFact(registration), offeredAt: registration.offeredAt.toISOString(), acceptedAt: now.toISOString() },
      });
    });
  }

  /** The person turns the offer down; the seat goes to the next in line. */
  decline(id: string, principal: Principal): Promise<RegistrationResponse> {
    return this.change(id, principal, async (tx, event, registration, now) => {
      const refusal = actionRefusal(registration.status, 'decline');
      if (refusal || !registration.offeredAt)
        throw refused(ProblemCode.RegistrationRefused, refusal ?? { code: 'no_open_offer', message: 'No offer to decline' });
      const offeredAt = registration.offeredAt;
      await this.move(tx.manager, registration, 'declined', 'declined', now);
      tx.record(RegistrationDeclined, {
        key: event.id,
        cityId: event.cityId,
        payload: { ...registrationFact(registration), offeredAt: offeredAt.toISOString(), declinedAt: now.toISOString() },
      });
      await this.offerFreedSeats(tx, event, now);
    });
  }

  /** The person or an operator withdraws; a seat it held goes to the next in line. */
  cancel(id: string, principal: Principal): Promise<RegistrationResponse> {
    return this.change(id, principal, async (tx, event, registration, now) => {
      const refusal = actionRefusal(registration.status, 'cancel');
      if (refusal) throw refused(ProblemCode.RegistrationRefused, refusal);
      await this.cancelOne(tx, event, registration, 'withdrawn', null, now);
      await this.offerFreedSeats(tx, event, now);
    });
  }

  /**
   * Expires every open offer whose deadline has come at `asOf` (default now) and offers the freed seats to the
   * next in line, as of the same instant. One event per transaction, claimed, so instances running this at
   * once never expire an offer twice; an event a request holds right now is left for the next run.
   */
  async expireOffers(asOf: Date = this.clock.now()): Promise<OfferExpiryResponse> {
    const candidates = await this.dataSource.manager
      .createQueryBuilder(Registration, 'registration')
      .select('registration.eventId', 'eventId')
      .distinct(true)
      .where('registration.status = :offered AND registration.offerExpiresAt <= :asOf', { offered: 'offered', asOf })
      .orderBy('registration.eventId')
      .getRawMany<{ eventId: string }>();
    const expired: string[] = [];
    const offered: string[] = [];
    for (const { eventId } of candidates) {
      await this.unitOfWork.run(async (tx) => {
        const [event] = await claimDue(
          tx.manager,
          tx.manager
            .createQueryBuilder(NetworkEvent, 'event')
            .where('event.id = :eventId', { eventId })
            .andWhere(`EXISTS (SELECT 1 FROM event_registration r WHERE r.eventId = event.id AND r.status = :offered AND r.offerExpiresAt <= :asOf)`, {
              offered: 'offered',
              asOf,
            }),
        );
        if (!event) return;
        const due = await tx.manager.find(Registration, { where: { eventId, status: 'offered', offerExpiresAt: LessThanOrEqual(asOf) }, order: { id: 'ASC' } });
        for (const registration of due) {
          const { offeredAt, offerExpiresAt } = registration;
          if (!offeredAt || !offerExpiresAt) continue;
          await this.move(tx.manager, registration, 'expired', 'offer_expired', asOf);
          tx.record(RegistrationOfferExpired, {
            key: event.id,
            cityId: event.cityId,
            payload: { ...registrationFact(registration), offeredAt: offeredAt.toISOString(), expiresAt: offerExpiresAt.toISOString() },
          });
          expired.push(registration.id);
        }
        offered.push(...(await this.offerFreedSeats(tx, event, asOf)));
      }, this.seatIsolation());
    }
    return { asOf: asOf.toISOString(), expired, offered };
  }

  /** The event was cancelled: every live registration ends with it. Nobody is offered a seat any more. */
  async cancelAllFor(tx: TransactionScope, event: NetworkEvent, reason: string, now: Date): Promise<void> {
    const live = await tx.manager.find(Registration, { where: { eventId: event.id, status: In([...LIVE_STATUSES]) }, order: { id: 'ASC' } });
    for (const registration of live) await this.cancelOne(tx, event, registration, 'event_cancelled', reason, now);
  }

  /**
   * The session closed: registered people without a check-in are no-shows (the checked-in ones are already
   * `attended` and stay so) and open offers expire, since the seat is no use any more.
   */
  async closeAllFor(tx: TransactionScope, event: NetworkEvent, now: Date): Promise<void> {
    const open = await tx.manager.find(Registration, { where: { eventId: event.id, status: In(['registered', 'offered']) }, order: { id: 'ASC' } });
    for (const registration of open) {
      const { offeredAt, offerExpiresAt } = registration;
      if (registration.status === 'offered' && offeredAt && offerExpiresAt) {
        await this.move(tx.manager, registration, 'expired', 'session_closed', now);
        tx.record(RegistrationOfferExpired, {
          key: event.id,
          cityId: event.cityId,
          payload: { ...registrationFact(registration), offeredAt: offeredAt.toISOString(), expiresAt: offerExpiresAt.toISOString() },
        });
      } else {
        await this.move(tx.manager, registration, 'no_show', 'session_closed', now);
        tx.record(AttendanceRecorded, {
          key: event.id,
          cityId: event.cityId,
          payload: { ...registrationFact(registration), outcome: 'no_show', checkedInAt: null, creditHours: 0 },
        });
      }
    }
  }

  /** Each event's counts, in one query however many events. */
  async counts(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, RegistrationCounts>> {
    const counts = new Map<string, RegistrationCounts>(eventIds.map((id) => [id, { ...NO_REGISTRATIONS }]));
    if (!eventIds.length) return counts;
    const rows = await manager
      .createQueryBuilder(Registration, 'registration')
      .select('registration.eventId', 'eventId')
      .addSelect('registration.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('registration.eventId IN (:...eventIds)', { eventIds: [...eventIds] })
      .groupBy('registration.eventId')
      .addGroupBy('registration.status')
      .getRawMany<{ eventId: string; status: RegistrationStatus; n: string | number }>();
    for (const { eventId, status, n } of rows) {
      const count = counts.get(eventId);
      if (!count) continue;
      if (status === 'no_show') count.noShow = Number(n);
      else if (status === 'registered' || status === 'waitlisted' || status === 'offered' || status === 'attended') count[status] = Number(n);
    }
    return counts;
  }

  /** Seats held now: registered, offered, attended, no-show. */
  seatsHeld(manager: EntityManager, eventId: string): Promise<number> {
    return manager.countBy(Registration, { eventId, status: In([...SEAT_HOLDING_STATUSES]) });
  }

  /**
   * Runs `work` in one transaction under the event's row lock, the event read after the lock (404 when unknown
   * or outside the caller's cities). Check-ins, corrections and surveys take it too, so they see the status a
   * concurrent close, cancel or expiry committed, never one it is about to change.
   */
  underEventLock<T>(eventId: string, principal: Principal, work: (tx: TransactionScope, event: NetworkEvent) => Promise<T>): Promise<T> {
    return this.unitOfWork.run(async (tx) => {
      const event = visibleOrNotFound(principal, await lockedEvent(tx.manager, eventId), `Event ${eventId}`);
      return work(tx, event);
    }, this.seatIsolation());
  }

  /**
   * One registration change under the event's lock: the registration is read again after the lock, so two
   * requests about one offer (200 accepts of it, an accept racing its expiry) see each other's result.
   */
  private async change(
    id: string,
    principal: Principal,
    work: (tx: TransactionScope, event: NetworkEvent, registration: Registration, now: Date) => Promise<void>,
  ): Promise<RegistrationResponse> {
    const found = visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Registration, { id }), `Registration ${id}`);
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      const event = await lockedEvent(tx.manager, found.eventId);
      const registration = await tx.manager.findOneBy(Registration, { id });
      if (!event || !registration) throw Problem.notFound(`Registration ${id}`);
      await work(tx, event, registration, now);
    }, this.seatIsolation());
    return this.view(this.dataSource.manager, id);
  }

  /** Offers every free seat to the first in line, by the event's ordering; the offered registrations' ids. */
  private async offerFreedSeats(tx: TransactionScope, event: NetworkEvent, now: Date): Promise<string[]> {
    if (event.status !== 'scheduled') return [];
    const waiting = await tx.manager.findBy(Registration, { eventId: event.id, status: 'waitlisted' });
    if (!waiting.length) return [];
    const reached =
      event.waitlistOrdering === 'coverage_first' ? await this.reachedSchools(tx.manager, event.cityId, localDate(now, event.timeZone)) : new Set<string>();
    const line = waitlistOrder(
      waiting.map((r) => ({ registrationId: r.id, registeredAt: r.registeredAt, schoolId: r.snapshotSchoolId, registration: r })),
      event.waitlistOrdering,
      reached,
    );
    const offers = offersToMake(
      { capacity: event.capacity, seatsHeld: await this.seatsHeld(tx.manager, event.id), startsAt: event.startsAt, offerHours: event.offerHours },
      line,
      now,
    );
    for (const offer of offers) {
      const { registration } = line.find((e) => e.registrationId === offer.registrationId) as (typeof line)[number];
      registration.offeredAt = offer.offeredAt;
      registration.offerExpiresAt = offer.expiresAt;
      await this.move(tx.manager, registration, 'offered', 'offered', now, { offer: { offeredAt: offer.offeredAt, offerExpiresAt: offer.expiresAt } });
      tx.record(RegistrationOffered, {
        key: event.id,
        cityId: event.cityId,
        payload: { ...registrationFact(registration), offeredAt: offer.offeredAt.toISOString(), expiresAt: offer.expiresAt.toISOString() },
      });
    }
    return offers.map((o) => o.registrationId);
  }

  /** Schools someone attended an event from, in the city, in the 12 months before `asOf` (for `coverage_first`). */
  private async reachedSchools(manager: EntityManager, cityId: string, asOf: string): Promise<Set<string>> {
    const rows = await manager
      .createQueryBuilder(Registration, 'registration')
      .innerJoin(NetworkEvent, 'event', 'event.id = registration.eventId')
      // distinct(true) rather than a DISTINCT inside the select: TypeORM quotes that one into invalid SQLite.
      .select('registration.snapshotSchoolId', 'schoolId')
      .addSelect('event.startsOn', 'attendedOn')
      .distinct(true)
      .where('registration.status = :attended AND registration.snapshotSchoolId IS NOT NULL', { attended: 'attended' })
      .andWhere('event.cityId = :cityId AND event.startsOn >= :from AND event.startsOn < :asOf', {
        cityId,
        from: monthsBefore(asOf, COVERAGE_WINDOW_MONTHS),
        asOf,
      })
      .getRawMany<{ schoolId: string; attendedOn: string }>();
    return recentlyReachedSchools(
      rows.map((r) => ({ ...r, cityId })),
      cityId,
      asOf,
    );
  }

  private async cancelOne(
    tx: TransactionScope,
    event: NetworkEvent,
    registration: Registration,
    cause: RegistrationCancellationCause,
    reason: string | null,
    now: Date,
  ): Promise<void> {
    const previousStatus = registration.status as CancellableRegistrationStatus;
    await this.move(tx.manager, registration, 'cancelled', cause, now);
    tx.record(RegistrationCancelled, {
      key: event.id,
      cityId: event.cityId,
      payload: { ...registrationFact(registration), previousStatus, cause, reason, cancelledAt: now.toISOString(), seatFreed: holdsSeat(previousStatus) },
    });
  }

  /**
   * Moves a registration to `to` and appends the move to its history (`reason` kept with it, e.g. a
   * correction's). The caller holds the event's lock (`underEventLock`) and has asked the rules first.
   */
  async move(
    manager: EntityManager,
    registration: Registration,
    to: RegistrationStatus,
    cause: RegistrationChangeCause,
    at: Date,
    options: { offer?: Pick<Registration, 'offeredAt' | 'offerExpiresAt'>; reason?: string | null } = {},
  ): Promise<void> {
    const from = registration.status;
    const offer = options.offer ?? { offeredAt: registration.offeredAt, offerExpiresAt: registration.offerExpiresAt };
    await manager.update(Registration, { id: registration.id }, { status: to, ...offer });
    registration.status = to;
    await this.appendHistory(manager, registration, from, to, cause, at, options.reason ?? null);
  }

  private async appendHistory(
    manager: EntityManager,
    registration: Registration,
    from: RegistrationStatus | null,
    to: RegistrationStatus,
    cause: RegistrationChangeCause,
    at: Date,
    reason: string | null = null,
  ): Promise<void> {
    const seq = await manager.countBy(RegistrationChange, { registrationId: registration.id });
    await manager.insert(RegistrationChange, {
      id: newId(),
      registrationId: registration.id,
      eventId: registration.eventId,
      seq: seq + 1,
      fromStatus: from,
      toStatus: to,
      cause,
      reason,
      at,
    });
  }

  /** Seat counts are taken after the event's lock: they must see what the previous holder committed. */
  private seatIsolation(): UnitOfWorkRunOptions {
    return afterLockIsolation(this.dataSource);
  }

  async view(manager: EntityManager, id: string): Promise<RegistrationResponse> {
    const [view] = await this.views(manager, [await manager.findOneByOrFail(Registration, { id })]);
    return view;
  }

  /** Registrations with their history: one query for the history however many registrations. */
  async views(manager: EntityManager, registrations: readonly Registration[]): Promise<RegistrationResponse[]> {
    if (!registrations.length) return [];
    const history = await manager.find(RegistrationChange, { where: { registrationId: In(registrations.map((r) => r.id)) }, order: { seq: 'ASC' } });
    return registrations.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      seriesId: r.seriesId,
      cityId: r.cityId,
      personId: r.personId,
      status: r.status,
      snapshot: { schoolId: r.snapshotSchoolId, sector: r.snapshotSector, cityId: r.snapshotCityId, role: r.snapshotRole },
      registeredAt: new Date(r.registeredAt).toISOString(),
      offeredAt: r.offeredAt ? new Date(r.offeredAt).toISOString() : null,
      offerExpiresAt: r.offerExpiresAt ? new Date(r.offerExpiresAt).toISOString() : null,
      history: history
        .filter((h) => h.registrationId === r.id)
        .map((h) => ({ from: h.fromStatus, to: h.toStatus, cause: h.cause, reason: h.reason, at: new Date(h.at).toISOString() })),
    }));
  }
}

/** What every registration record says about the registration; attendance and surveys extend it. */
export function registrationFact(registration: Registration): RegistrationFactV1 {
  return {
    registrationId: registration.id,
    eventId: registration.eventId,
    seriesId: registration.seriesId,
    cityId: registration.cityId,
    personId: registration.personId,
    snapshot: {
      schoolId: registration.snapshotSchoolId,
      sector: registration.snapshotSector,
      cityId: registration.snapshotCityId,
      role: registration.snapshotRole,
    },
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Principal, visibleCities, visibleOrNotFound } from '@crosswalk/auth';
import { UnitOfWork, backoffDelay } from '@crosswalk/messaging';
import { claimDue, newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { NetworkEvent } from '../events/network-event.entity';
import type { DeliveryResponse, NotificationQuery, NotificationView } from './dto/notification.dto';
import { Mailer } from './mailer';
import { Notification } from './notification.entity';
import {
  type EventDetails,
  type NotificationFact,
  type NotificationStatus,
  SEND_LEASE_MS,
  renderMessage,
  retriesAfter,
  skipReason,
} from './notification.rules';
import { Recipients } from './recipients';

/** The event record a notification tells of. */
export interface SourceEvent {
  /** The envelope id: with the registration, what makes a notification unique. */
  id: string;
  occurredAt: Date;
}

/** Whom a notification is for: a registration of an event. */
export interface NotifiedRegistration {
  registrationId: string;
  eventId: string;
  personId: string;
  cityId: string;
}

/** A reschedule's new times, which the message gives rather than whatever the event says by the time it is written. */
export type EventTimes = Pick<EventDetails, 'startsAt' | 'endsAt' | 'timeZone'>;

/** Notifications taken per delivery run; the next run takes the rest. */
const DELIVERY_BATCH = 100;
/** The notifications a delivery run may take: due ones, failed ones whose retry is due, and ones a crashed run held. */
const DELIVERABLE: readonly NotificationStatus[] = ['pending', 'failed', 'sending'];
/** After the n-th failed send, the next try waits 1, 2, 4, ... minutes, at most an hour. */
const RETRY_BACKOFF = { initialMs: 60_000, maxMs: 3_600_000, factor: 2 };

/**
 * Emails to people about their registrations. Written by the notifier's handlers in the transaction of the event
 * that calls for them, once per event and registration; sent afterwards by the delivery job (at least once:
 * a failed send is tried again with backoff, and its error stays on the notification), so sending never holds up
 * the change that caused it.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: DirectoryCopy,
    private readonly recipients: Recipients,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the notification of `fact` for one registration, through the handler's transaction. Nothing when
   * this event already wrote it: the inbox stops redeliveries, and this stops a replay of the topic.
   */
  async record(manager: EntityManager, source: SourceEvent, to: NotifiedRegistration, fact: NotificationFact, times?: EventTimes): Promise<void> {
    if (await manager.existsBy(Notification, { sourceEventId: source.id, registrationId: to.registrationId })) return;
    const event = await manager.findOneBy(NetworkEvent, { id: to.eventId });
    // Our own event's records: the event row committed with them, so it is missing only if something is wrong.
    if (!event) throw new Error(`Event ${to.eventId} of registration ${to.registrationId} is not in this service's database`);
    const details = { ...(await this.detailsOf(manager, event)), ...times };
    const recipient = await this.recipients.of(manager, to.personId);
    const message = renderMessage(fact, recipient.name, details);
    const skipped = skipReason(recipient.address, details.endsAt, source.occurredAt);
    const now = this.clock.now();
    await manager.insert(Notification, {
      id: newId(),
      sourceEventId: source.id,
      kind: fact.kind,
      personId: to.personId,
      eventId: to.eventId,
      registrationId: to.registrationId,
      cityId: to.cityId,
      toAddress: recipient.address,
      subject: message.subject.slice(0, 300),
      body: message.body,
      status: skipped ? 'skipped' : 'pending',
      attempts: 0,
      lastError: null,
      skipReason: skipped,
      nextAttemptAt: skipped ? null : now,
      occurredAt: source.occurredAt,
      createdAt: now,
      sentAt: null,
    });
  }

  /**
   * Sends the notifications due at `asOf` (default now). Each is claimed in a short transaction (several instances
   * never take one at once) and held for SEND_LEASE_MS while it is sent outside any transaction; the outcome is
   * written after. A run that dies mid-send leaves the notification to be taken again when the lease ends.
   */
  async deliverDue(asOf: Date = this.clock.now()): Promise<DeliveryResponse> {
    const due = await this.dataSource.manager
      .createQueryBuilder(Notification, 'n')
      .select('n.id', 'id')
      .where('n.status IN (:...deliverable) AND n.nextAttemptAt <= :asOf', { deliverable: DELIVERABLE, asOf })
      .orderBy('n.nextAttemptAt')
      .addOrderBy('n.id')
      .limit(DELIVERY_BATCH)
      .getRawMany<{ id: string }>();
    const sent: string[] = [];
    const failed: string[] = [];
    for (const { id } of due) {
      const notification = await this.claim(id, asOf);
      if (!notification) continue;
      const result = await this.mailer.send({ id, to: notification.toAddress, subject: notification.subject, text: notification.body });
      const held = { id, status: 'sending' as const, attempts: notification.attempts };
      if (result.ok) {
        await this.dataSource.manager.update(Notification, held, { status: 'sent', sentAt: this.clock.now(), lastError: null, nextAttemptAt: null });
        sent.push(id);
      } else {
        const retry = retriesAfter(notification.attempts, result.failure);
        await this.dataSource.manager.update(Notification, held, {
          status: 'failed',
          lastError: result.failure.message.slice(0, 1000),
          nextAttemptAt: retry ? new Date(asOf.getTime() + backoffDelay(notification.attempts, RETRY_BACKOFF)) : null,
        });
        failed.push(id);
      }
    }
    return { asOf: asOf.toISOString(), sent, failed };
  }

  async list(query: NotificationQuery, principal: Principal): Promise<Page<NotificationView>> {
    const cities = visibleCities(principal, query.cityId);
    const select = this.dataSource.manager.createQueryBuilder(Notification, 'n');
    if (query.personId) select.andWhere('n.personId = :personId', { personId: query.personId });
    if (query.eventId) select.andWhere('n.eventId = :eventId', { eventId: query.eventId });
    if (query.status) select.andWhere('n.status = :status', { status: query.status });
    if (query.kind) select.andWhere('n.kind = :kind', { kind: query.kind });
    return fetchPage(select, query, toView, { cityColumn: 'n.cityId', cities });
  }

  async get(id: string, principal: Principal): Promise<NotificationView> {
    return toView(visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Notification, { id }), `Notification ${id}`));
  }

  /** Takes one notification for sending if it is still due: the attempt is counted now, so a crash mid-send counts too. */
  private claim(id: string, asOf: Date): Promise<(Notification & { toAddress: string }) | null> {
    return this.unitOfWork.run(async (tx) => {
      const [notification] = await claimDue(
        tx.manager,
        tx.manager
          .createQueryBuilder(Notification, 'n')
          .where('n.id = :id AND n.status IN (:...deliverable) AND n.nextAttemptAt <= :asOf', { id, deliverable: DELIVERABLE, asOf }),
      );
      if (!notification) return null;
      if (!notification.toAddress) {
        await tx.manager.update(Notification, { id }, { status: 'skipped', skipReason: 'no_email_address', nextAttemptAt: null });
        return null;
      }
      const attempts = notification.attempts + 1;
      await tx.manager.update(Notification, { id }, { status: 'sending', attempts, nextAttemptAt: new Date(asOf.getTime() + SEND_LEASE_MS) });
      return { ...notification, toAddress: notification.toAddress, status: 'sending', attempts };
    });
  }

  private async detailsOf(manager: EntityManager, event: NetworkEvent): Promise<EventDetails> {
    const host = event.venue || !event.hostSchoolId ? null : await this.directory.school(manager, event.hostSchoolId);
    return {
      title: event.title,
      startsAt: new Date(event.startsAt),
      endsAt: new Date(event.endsAt),
      timeZone: event.timeZone,
      format: event.format,
      place: event.venue ?? host?.name ?? null,
    };
  }
}

const iso = (at: Date | null): string | null => (at ? new Date(at).toISOString() : null);

function toView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    status: n.status,
    personId: n.personId,
    eventId: n.eventId,
    registrationId: n.registrationId,
    cityId: n.cityId,
    to: n.toAddress,
    subject: n.subject,
    body: n.body,
    attempts: n.attempts,
    lastError: n.lastError,
    skipReason: n.skipReason,
    occurredAt: new Date(n.occurredAt).toISOString(),
    createdAt: new Date(n.createdAt).toISOString(),
    nextAttemptAt: iso(n.nextAttemptAt),
    sentAt: iso(n.sentAt),
  };
}

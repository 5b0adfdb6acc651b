import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  type EventEnvelope,
  type EventOf,
  EventRescheduled,
  RegistrationAccepted,
  RegistrationCancelled,
  RegistrationCreated,
  RegistrationDeclined,
  type RegistrationFactV1,
  RegistrationOfferExpired,
  RegistrationOffered,
  RegistrationWaitlisted,
} from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { In } from 'typeorm';
import { OfferLinks } from '../offers/offer-links';
import { Registration } from '../registrations/registration.entity';
import type { NotificationFact } from './notification.rules';
import { NotificationsService, type SourceEvent } from './notifications.service';

/** Registrations still going to the event: what a reschedule is told to. */
const LIVE = ['registered', 'waitlisted', 'offered'] as const;

const sourceOf = (event: EventEnvelope<object>): SourceEvent => ({ id: event.id, occurredAt: new Date(event.occurredAt) });

/**
 * The notifier: this service's own records on events.programs.v1, read back through its own inbox consumer
 * (`events-notifier`), each turned into the emails it calls for, written in that record's inbox transaction.
 * Reading the topic rather than writing mail from the use cases keeps sending off the path of the change: the
 * registration commits whatever the mail server does.
 */
@Controller()
export class NotificationsHandler {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly links: OfferLinks,
  ) {}

  @HandlesEvent(RegistrationCreated)
  async onCreated(@Payload() event: EventOf<typeof RegistrationCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.tell(ctx, event, event.payload, { kind: 'registration_confirmed' });
  }

  @HandlesEvent(RegistrationWaitlisted)
  async onWaitlisted(@Payload() event: EventOf<typeof RegistrationWaitlisted>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.tell(ctx, event, event.payload, { kind: 'registration_waitlisted' });
  }

  @HandlesEvent(RegistrationOffered)
  async onOffered(@Payload() event: EventOf<typeof RegistrationOffered>, @Ctx() ctx: InboxContext): Promise<void> {
    const expiresAt = new Date(event.payload.expiresAt);
    const urls = this.links.urlsFor(event.payload.registrationId, expiresAt);
    await this.tell(ctx, event, event.payload, { kind: 'seat_offered', expiresAt, acceptUrl: urls.accept, declineUrl: urls.decline });
  }

  @HandlesEvent(RegistrationAccepted)
  async onAccepted(@Payload() event: EventOf<typeof RegistrationAccepted>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.tell(ctx, event, event.payload, { kind: 'offer_accepted' });
  }

  @HandlesEvent(RegistrationDeclined)
  async onDeclined(@Payload() event: EventOf<typeof RegistrationDeclined>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.tell(ctx, event, event.payload, { kind: 'offer_declined' });
  }

  @HandlesEvent(RegistrationOfferExpired)
  async onOfferExpired(@Payload() event: EventOf<typeof RegistrationOfferExpired>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.tell(ctx, event, event.payload, { kind: 'offer_expired' });
  }

  /** A withdrawal, or the event's cancellation (one record per registration, carrying the event's reason). */
  @HandlesEvent(RegistrationCancelled)
  async onCancelled(@Payload() event: EventOf<typeof RegistrationCancelled>, @Ctx() ctx: InboxContext): Promise<void> {
    const { cause, reason } = event.payload;
    await this.tell(ctx, event, event.payload, cause === 'event_cancelled' ? { kind: 'event_cancelled', reason } : { kind: 'registration_cancelled' });
  }

  /** A reschedule carries no registrations: everyone still registered, waiting or offered a seat is told. */
  @HandlesEvent(EventRescheduled)
  async onRescheduled(@Payload() event: EventOf<typeof EventRescheduled>, @Ctx() ctx: InboxContext): Promise<void> {
    const { eventId, cityId, startsAt, endsAt, timeZone, previousStartsAt, previousEndsAt, previousTimeZone, reason } = event.payload;
    const registrations = await ctx.manager.find(Registration, { where: { eventId, status: In([...LIVE]) }, order: { id: 'ASC' } });
    const fact: NotificationFact = {
      kind: 'event_rescheduled',
      previousStartsAt: new Date(previousStartsAt),
      previousEndsAt: new Date(previousEndsAt),
      previousTimeZone,
      reason,
    };
    const times = { startsAt: new Date(startsAt), endsAt: new Date(endsAt), timeZone };
    for (const r of registrations) {
      await this.notifications.record(ctx.manager, sourceOf(event), { registrationId: r.id, eventId, personId: r.personId, cityId }, fact, times);
    }
  }

  private tell(ctx: InboxContext, event: EventEnvelope<object>, registration: RegistrationFactV1, fact: NotificationFact): Promise<void> {
    const { registrationId, eventId, personId, cityId } = registration;
    return this.notifications.record(ctx.manager, sourceOf(event), { registrationId, eventId, personId, cityId }, fact);
  }
}

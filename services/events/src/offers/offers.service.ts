import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@crosswalk/auth';
import { currentContext } from '@crosswalk/observability';
import { Clock } from '@crosswalk/platform';
import { Problem } from '@crosswalk/problems';
import { NetworkEvent } from '../events/network-event.entity';
import { Registration } from '../registrations/registration.entity';
import { RegistrationsService } from '../registrations/registrations.service';
import type { OfferAnswerView } from './dto/offer.dto';
import { type OfferAction, alreadyAnswered } from './offer-link.rules';
import { OfferLinks } from './offer-links';

const SAID: Record<OfferAction, { done: (title: string) => string; before: string }> = {
  accept: { done: (title) => `Your seat at ${title} is confirmed.`, before: 'You had already accepted this seat.' },
  decline: { done: (title) => `You declined the seat at ${title}; it passes to the next person in line.`, before: 'You had already declined this seat.' },
};

/**
 * The answers people give to offers by following the links in their email: the link is the only credential,
 * and it allows exactly one action on one registration's offer. The change itself is the registrations' own
 * accept or decline use case, so a link and an operator's request obey the same rules and the same lock.
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly links: OfferLinks,
    private readonly registrations: RegistrationsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async answer(token: string, action: OfferAction): Promise<OfferAnswerView> {
    const claim = this.links.read(token, action, this.clock.now());
    const registration = await this.dataSource.manager.findOneBy(Registration, { id: claim.registrationId });
    // The link names this registration's offer by its deadline; a registration is offered at most once, so this
    // only fails for a link that was never issued (a signing secret shared with another deployment).
    if (!registration?.offerExpiresAt || new Date(registration.offerExpiresAt).getTime() !== claim.expiresAt.getTime()) {
      throw Problem.notFound('Offer link');
    }
    const event = await this.dataSource.manager.findOneByOrFail(NetworkEvent, { id: registration.eventId });
    const view = (status: Registration['status'], before: boolean): OfferAnswerView => ({
      registrationId: registration.id,
      eventId: event.id,
      eventTitle: event.title,
      action,
      status,
      alreadyAnswered: before,
      message: before ? SAID[action].before : SAID[action].done(event.title),
    });
    if (alreadyAnswered(action, registration.status)) return view(registration.status, true);

    // The person answers for themselves: the events this records name them as the actor.
    const context = currentContext();
    if (context) context.actor = { kind: 'user', id: registration.personId };
    // Scoped to the registration's city alone: the link opens nothing else.
    const principal: Principal = { subject: `offer-link:${registration.id}`, role: 'city_operator', cities: [registration.cityId] };
    const changed =
      action === 'accept' ? await this.registrations.accept(registration.id, principal) : await this.registrations.decline(registration.id, principal);
    return view(changed.status, false);
  }
}

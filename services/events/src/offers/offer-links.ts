import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import type { EventsConfig } from '../events.config';
import { refused } from '../problem-answers';
import { refusal } from '../problems';
import { OFFER_ACTIONS, type OfferAction, type OfferLinkClaim, readOfferLink, signOfferLink } from './offer-link.rules';

/** The accept and decline links of offers: written into offer emails, read by the public offer routes. */
@Injectable()
export class OfferLinks {
  private readonly base: string;
  private readonly secret: string;

  constructor(@Inject(PLATFORM_CONFIG) config: EventsConfig) {
    this.base = config.EVENTS_LINK_BASE_URL.endsWith('/') ? config.EVENTS_LINK_BASE_URL : `${config.EVENTS_LINK_BASE_URL}/`;
    this.secret = config.EVENTS_OFFER_LINK_SECRET;
  }

  /** One link per action for the registration's offer, each good until the offer's deadline. */
  urlsFor(registrationId: string, expiresAt: Date): Record<OfferAction, string> {
    const url = (action: OfferAction) => new URL(`v1/offers/${signOfferLink({ registrationId, action, expiresAt }, this.secret)}/${action}`, this.base).href;
    return Object.fromEntries(OFFER_ACTIONS.map((action) => [action, url(action)])) as Record<OfferAction, string>;
  }

  /**
   * What a token presented for `action` allows. A token this service did not sign, or signed for the other action,
   * answers like an unknown link (404); one past its deadline is a 409 whose `reason` is `offer_link_expired`.
   */
  read(token: string, action: OfferAction, now: Date): OfferLinkClaim {
    const reading = readOfferLink(token, action, this.secret, now);
    if (reading.ok) return reading.claim;
    if (reading.refusal === 'expired') {
      throw refused(ProblemCode.RegistrationRefused, refusal('offer_link_expired', 'The offer has ended: its links no longer work'));
    }
    throw new Problem(ProblemCode.NotFound, `This is not a link to ${action} an offer`);
  }
}

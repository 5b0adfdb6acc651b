import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, PartnershipRecommitted, PartnershipStatusChanged, RecommitmentRequested } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { PartnershipEndingFact } from './partnership-ending-fact.entity';
import { RecommitmentFact } from './recommitment-fact.entity';
import { RecommitmentRequestFact } from './recommitment-request-fact.entity';
import { ENDING_STATUSES } from './survival.rules';

/**
 * Requests, recommitments and endings as facts with the time they happened; what became of each request
 * is worked out when the metric is read, so no handler depends on another event having arrived first.
 */
@Controller()
export class PartnershipsHandler {
  @HandlesEvent(RecommitmentRequested)
  async onRequested(@Payload() event: EventOf<typeof RecommitmentRequested>, @Ctx() ctx: InboxContext): Promise<void> {
    const { partnershipId, transitionId, cityId, schoolId, effectiveDate, dueBy } = event.payload;
    await ctx.manager.save(RecommitmentRequestFact, {
      partnershipId,
      transitionId,
      cityId,
      schoolId,
      effectiveDate,
      dueBy,
      requestedAt: new Date(event.occurredAt),
    });
  }

  @HandlesEvent(PartnershipRecommitted)
  async onRecommitted(@Payload() event: EventOf<typeof PartnershipRecommitted>, @Ctx() ctx: InboxContext): Promise<void> {
    const { partnershipId, transitionId, cityId, schoolId, personId, recommittedOn } = event.payload;
    await ctx.manager.save(RecommitmentFact, {
      partnershipId,
      transitionId,
      cityId,
      schoolId,
      personId,
      recommittedOn,
      recordedAt: new Date(event.occurredAt),
    });
  }

  @HandlesEvent(PartnershipStatusChanged)
  async onStatusChanged(@Payload() event: EventOf<typeof PartnershipStatusChanged>, @Ctx() ctx: InboxContext): Promise<void> {
    const { partnershipId, cityId, to, cause, effectiveDate } = event.payload;
    if (!ENDING_STATUSES.includes(to)) return;
    await ctx.manager.save(PartnershipEndingFact, {
      eventId: event.id,
      partnershipId,
      cityId,
      status: to,
      cause,
      effectiveDate,
      recordedAt: new Date(event.occurredAt),
    });
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, LeadershipTransitioned, SINGLE_HOLDER_ROLES } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { PartnershipsService } from '../partnerships/partnerships.service';
import { PrincipalTransition } from './principal-transition.entity';

/**
 * Principal transitions at schools: kept to know each school's current principal (its champion), and
 * put to the school's partnerships, which then wait for the new principal's recommitment.
 */
@Controller()
export class LeadershipHandler {
  constructor(private readonly partnerships: PartnershipsService) {}

  @HandlesEvent(LeadershipTransitioned)
  async onTransitioned(@Payload() event: EventOf<typeof LeadershipTransitioned>, @Ctx() ctx: InboxContext): Promise<void> {
    const t = event.payload;
    if (t.holderKind !== 'school' || t.role !== SINGLE_HOLDER_ROLES.school) return;
    await ctx.manager.save(PrincipalTransition, {
      id: t.transitionId,
      schoolId: t.holderId,
      outgoingPersonId: t.outgoingPersonId ?? null,
      incomingPersonId: t.incomingPersonId ?? null,
      effectiveDate: t.effectiveDate,
      supersedesTransitionId: t.supersedesTransitionId ?? null,
      supersededBy: null,
      recordedAt: new Date(event.occurredAt),
    });
    if (t.supersedesTransitionId) {
      await ctx.manager.update(PrincipalTransition, { id: t.supersedesTransitionId }, { supersededBy: t.transitionId });
    }
    await this.partnerships.onPrincipalTransition(ctx, t, new Date(event.occurredAt));
  }
}

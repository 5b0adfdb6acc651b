import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, LeadershipTransitioned, SchoolClosed } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { SchoolClosure } from './school-closure.entity';
import { TransitionFact } from './transition-fact.entity';

/**
 * Stores every transition (any role, schools and organizations: compacts read the organizations' ones) and
 * every closure as facts keyed by their own ids, so a repeated event rewrites the same row.
 */
@Controller()
export class LeadershipHandler {
  @HandlesEvent(LeadershipTransitioned)
  async onTransitioned(@Payload() event: EventOf<typeof LeadershipTransitioned>, @Ctx() ctx: InboxContext): Promise<void> {
    const t = event.payload;
    await ctx.manager.save(TransitionFact, {
      transitionId: t.transitionId,
      holderKind: t.holderKind,
      holderId: t.holderId,
      cityId: t.cityId,
      role: t.role,
      outgoingPersonId: t.outgoingPersonId ?? null,
      incomingPersonId: t.incomingPersonId ?? null,
      effectiveDate: t.effectiveDate,
      supersedesTransitionId: t.supersedesTransitionId ?? null,
      recordedAt: new Date(event.occurredAt),
    });
  }

  @HandlesEvent(SchoolClosed)
  async onSchoolClosed(@Payload() event: EventOf<typeof SchoolClosed>, @Ctx() ctx: InboxContext): Promise<void> {
    const { schoolId, cityId, effectiveDate } = event.payload;
    await ctx.manager.save(SchoolClosure, { schoolId, cityId, closedOn: effectiveDate });
  }
}

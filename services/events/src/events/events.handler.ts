import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, LeadershipTransitioned, SINGLE_HOLDER_ROLES, SchoolClosed } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { DirectoryService } from '../directory/directory.service';
import { EventsService } from './events.service';

/**
 * The directory facts that flag hosted events: a host school's closure and a change of its principal. A
 * consumer has one handler per event type, so these are the events capability's: each records the fact in the
 * local copy of the directory first, then flags the school's upcoming events, in the event's inbox transaction.
 */
@Controller()
export class EventsHandler {
  constructor(
    private readonly directory: DirectoryService,
    private readonly events: EventsService,
  ) {}

  @HandlesEvent(SchoolClosed)
  async onSchoolClosed(@Payload() event: EventOf<typeof SchoolClosed>, @Ctx() ctx: InboxContext): Promise<void> {
    const { schoolId, effectiveDate } = event.payload;
    await this.directory.recordClosure(ctx.manager, schoolId, effectiveDate);
    await this.events.onHostClosed(ctx, schoolId, effectiveDate, new Date(event.occurredAt));
  }

  /** Every role is kept for snapshots; only a school's principal changing flags the events it hosts. */
  @HandlesEvent(LeadershipTransitioned)
  async onTransitioned(@Payload() event: EventOf<typeof LeadershipTransitioned>, @Ctx() ctx: InboxContext): Promise<void> {
    const transition = event.payload;
    const recordedAt = new Date(event.occurredAt);
    await this.directory.recordTransition(ctx.manager, transition, recordedAt);
    if (transition.holderKind === 'school' && transition.role === SINGLE_HOLDER_ROLES.school) {
      await this.events.onHostLeaderChanged(ctx, transition, recordedAt);
    }
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, LeadershipTransitioned, SINGLE_HOLDER_ROLES, SchoolClosed } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { DirectoryService } from '../directory/directory.service';
import { PartnershipsService } from './partnerships.service';

/**
 * The directory events that move partnerships: a member school's closure and a change of its principal. A
 * consumer has one handler per event type, so these handlers are the partnerships capability's: each records
 * the fact in the local copy of the directory first (the partnership rules read the current principal from
 * it), then puts it to the school's partnerships, all in the event's inbox transaction. The copy itself stays
 * ignorant of partnerships.
 */
@Controller()
export class PartnershipsHandler {
  constructor(
    private readonly directory: DirectoryService,
    private readonly partnerships: PartnershipsService,
  ) {}

  @HandlesEvent(SchoolClosed)
  async onSchoolClosed(@Payload() event: EventOf<typeof SchoolClosed>, @Ctx() ctx: InboxContext): Promise<void> {
    const { schoolId, effectiveDate } = event.payload;
    await this.directory.recordClosure(ctx.manager, schoolId, effectiveDate);
    await this.partnerships.onSchoolClosed(ctx, schoolId, effectiveDate);
  }

  /** Only principals of schools are champions; other roles and organizations' chiefs concern no partnership. */
  @HandlesEvent(LeadershipTransitioned)
  async onTransitioned(@Payload() event: EventOf<typeof LeadershipTransitioned>, @Ctx() ctx: InboxContext): Promise<void> {
    const transition = event.payload;
    if (transition.holderKind !== 'school' || transition.role !== SINGLE_HOLDER_ROLES.school) return;
    const recordedAt = new Date(event.occurredAt);
    await this.directory.recordPrincipalTransition(ctx.manager, transition, recordedAt);
    await this.partnerships.onPrincipalTransition(ctx, transition, recordedAt);
  }
}

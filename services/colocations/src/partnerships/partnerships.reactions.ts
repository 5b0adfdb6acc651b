import { Injectable } from '@nestjs/common';
import { type EventOf, type LeadershipTransitioned, SINGLE_HOLDER_ROLES, type SchoolClosed } from '@crosswalk/contracts';
import type { DirectoryReactions } from '@crosswalk/directory-copy';
import type { InboxContext } from '@crosswalk/messaging';
import { PartnershipsService } from './partnerships.service';

/**
 * The directory facts that move partnerships: a member school's closure and a change of its principal. The
 * copy's handler (@crosswalk/directory-copy) records each fact first (the partnership rules read the current
 * principal from the copy), then calls these, in the event's inbox transaction.
 */
@Injectable()
export class PartnershipsReactions implements DirectoryReactions {
  constructor(private readonly partnerships: PartnershipsService) {}

  async onSchoolClosed(event: EventOf<typeof SchoolClosed>, ctx: InboxContext): Promise<void> {
    await this.partnerships.onSchoolClosed(ctx, event.payload.schoolId, event.payload.effectiveDate);
  }

  /** Only principals of schools are champions; other roles and organizations' chiefs concern no partnership. */
  async onTransitioned(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext): Promise<void> {
    const transition = event.payload;
    if (transition.holderKind !== 'school' || transition.role !== SINGLE_HOLDER_ROLES.school) return;
    await this.partnerships.onPrincipalTransition(ctx, transition, new Date(event.occurredAt));
  }
}

import { Injectable } from '@nestjs/common';
import { type EventOf, type LeadershipTransitioned, SINGLE_HOLDER_ROLES, type SchoolClosed } from '@crosswalk/contracts';
import type { DirectoryReactions } from '@crosswalk/directory-copy';
import type { InboxContext } from '@crosswalk/messaging';
import { EventsService } from './events/events.service';

/**
 * What the events service does with the directory's facts beyond the copy: a host school's closure and a change
 * of its principal flag hosted events. (Addresses for mail come from the restricted contacts topic, see
 * notifications/person-contacts.handler.ts, never from the directory's person events.) The copy's handler
 * (@crosswalk/directory-copy) records each fact first (a closed school cannot host a new event; every role is
 * kept for snapshots), then calls these, in the event's inbox transaction.
 */
@Injectable()
export class EventsDirectoryReactions implements DirectoryReactions {
  constructor(private readonly events: EventsService) {}

  async onSchoolClosed(event: EventOf<typeof SchoolClosed>, ctx: InboxContext): Promise<void> {
    await this.events.onHostClosed(ctx, event.payload.schoolId, event.payload.effectiveDate, new Date(event.occurredAt));
  }

  /** Only a school's principal changing flags the events it hosts. */
  async onTransitioned(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext): Promise<void> {
    const transition = event.payload;
    if (transition.holderKind === 'school' && transition.role === SINGLE_HOLDER_ROLES.school) {
      await this.events.onHostLeaderChanged(ctx, transition, new Date(event.occurredAt));
    }
  }
}

import { Injectable } from '@nestjs/common';
import { type EventOf, type LeadershipTransitioned, type PersonCreatedV1, SINGLE_HOLDER_ROLES, type SchoolClosed } from '@crosswalk/contracts';
import type { DirectoryReactions } from '@crosswalk/directory-copy';
import type { InboxContext } from '@crosswalk/messaging';
import { EventsService } from './events/events.service';
import { Recipients } from './notifications/recipients';

/**
 * What the events service does with the directory's facts beyond the copy: a host school's closure and a change
 * of its principal flag hosted events; a person's address is kept for mail. The copy's handler
 * (@crosswalk/directory-copy) records each fact first (a closed school cannot host a new event; every role is
 * kept for snapshots), then calls these, in the event's inbox transaction.
 */
@Injectable()
export class EventsDirectoryReactions implements DirectoryReactions {
  constructor(
    private readonly events: EventsService,
    private readonly recipients: Recipients,
  ) {}

  async onPersonSaved(person: PersonCreatedV1, ctx: InboxContext): Promise<void> {
    await this.recipients.remember(ctx.manager, person.personId, person.email);
  }

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

import { Injectable } from '@nestjs/common';
import { type EventOf, type LeadershipTransitioned, SINGLE_HOLDER_ROLES, type SchoolClosed } from '@crosswalk/contracts';
import type { DirectoryReactions } from '@crosswalk/directory-copy';
import type { InboxContext } from '@crosswalk/messaging';
import { CohortsService } from './cohorts/cohorts.service';
import { FellowsService } from './fellows/fellows.service';
import { PlacementsService } from './placements/placements.service';

/**
 * What turnover in the directory does to fellowships. The copy's handler (@crosswalk/directory-copy) records each
 * fact first (so "does the mentor still hold a role there?" and "who is the principal now?" answer with it), then
 * calls these in the event's inbox transaction: a mentor leaving the host school departs their mentorships; a
 * change of a host school's principal puts the host site to the new principal; a closure departs its mentors;
 * a placed fellow's appointment confirms their placement, a departure or closure ends it, and a correction
 * revises the retention checkpoints it changes.
 */
@Injectable()
export class FellowshipsDirectoryReactions implements DirectoryReactions {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly fellows: FellowsService,
    private readonly placements: PlacementsService,
  ) {}

  async onSchoolClosed(event: EventOf<typeof SchoolClosed>, ctx: InboxContext): Promise<void> {
    await this.fellows.onSchoolClosed(ctx, event.payload.schoolId, event.payload.effectiveDate);
    await this.placements.onSchoolClosed(ctx, event.id, event.payload.schoolId);
  }

  async onTransitioned(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext): Promise<void> {
    const transition = event.payload;
    if (transition.holderKind !== 'school') return;
    // A principal can mentor too: the departure is checked for any role, the host site for the principal's.
    await this.fellows.onTransition(ctx, transition);
    // A placed fellow's tenure: confirmed by an appointment, ended by a departure, revised by a correction.
    await this.placements.onTransition(ctx, event.id, transition);
    if (transition.role === SINGLE_HOLDER_ROLES.school) await this.cohorts.onPrincipalTransition(ctx, transition, new Date(event.occurredAt));
  }
}

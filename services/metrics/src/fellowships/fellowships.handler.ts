import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CohortScheduled,
  type EventOf,
  FellowStageChanged,
  MentorDeparted,
  PlacementConfirmed,
  PlacementRecorded,
  ProgramCreated,
  RetentionCheckpointReached,
} from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import {
  cohortScheduled,
  fellowStageChanged,
  mentorDeparted,
  placementConfirmed,
  placementRecorded,
  programCreated,
  retentionCheckpointReached,
} from './projection';

/**
 * The records of `fellowships.programs.v1` that change a fellowships figure. The others (program
 * discontinued; cohort started, completed, cancelled; mentorship assigned and ended; host-site confirmations;
 * placement ended) change none and are not handled: a fellow's own stage says whether they completed, and a
 * placement's end shows in its retention checkpoints, which the fellowships service records (docs/metrics.md).
 */
@Controller()
export class FellowshipsHandler {
  @HandlesEvent(ProgramCreated)
  async onProgramCreated(@Payload() event: EventOf<typeof ProgramCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await programCreated(ctx.manager, event.payload);
  }

  @HandlesEvent(CohortScheduled)
  async onCohortScheduled(@Payload() event: EventOf<typeof CohortScheduled>, @Ctx() ctx: InboxContext): Promise<void> {
    await cohortScheduled(ctx.manager, event.payload);
  }

  @HandlesEvent(FellowStageChanged)
  async onStageChanged(@Payload() event: EventOf<typeof FellowStageChanged>, @Ctx() ctx: InboxContext): Promise<void> {
    await fellowStageChanged(ctx.manager, event.payload);
  }

  @HandlesEvent(MentorDeparted)
  async onMentorDeparted(@Payload() event: EventOf<typeof MentorDeparted>, @Ctx() ctx: InboxContext): Promise<void> {
    await mentorDeparted(ctx.manager, event.payload);
  }

  @HandlesEvent(PlacementRecorded)
  async onPlacementRecorded(@Payload() event: EventOf<typeof PlacementRecorded>, @Ctx() ctx: InboxContext): Promise<void> {
    await placementRecorded(ctx.manager, event.payload);
  }

  @HandlesEvent(PlacementConfirmed)
  async onPlacementConfirmed(@Payload() event: EventOf<typeof PlacementConfirmed>, @Ctx() ctx: InboxContext): Promise<void> {
    await placementConfirmed(ctx.manager, event.payload);
  }

  @HandlesEvent(RetentionCheckpointReached)
  async onRetentionCheckpoint(@Payload() event: EventOf<typeof RetentionCheckpointReached>, @Ctx() ctx: InboxContext): Promise<void> {
    await retentionCheckpointReached(ctx.manager, event.payload);
  }
}

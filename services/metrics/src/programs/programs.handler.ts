import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AttendanceCorrected,
  AttendanceRecorded,
  type EventOf,
  EventCancelled,
  EventCompleted,
  EventRescheduled,
  EventScheduled,
  RegistrationAccepted,
  RegistrationCancelled,
  RegistrationCreated,
  RegistrationDeclined,
  RegistrationOfferExpired,
  RegistrationOffered,
  RegistrationWaitlisted,
  SeriesCompleted,
  SeriesScheduled,
  SurveySubmitted,
} from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { eventDayAndStatus, eventScheduled, registrationStatus, seriesCompleted, seriesScheduled, surveySubmitted } from './projection';

/**
 * The professional-development records of `events.programs.v1`. Each registration record states the
 * registration's new status; attendance records state its outcome (attended or no_show), corrections included.
 * `events.event.flagged` changes no figure and is not handled (docs/consumed-events.md).
 */
@Controller()
export class ProgramsHandler {
  @HandlesEvent(EventScheduled)
  async onScheduled(@Payload() event: EventOf<typeof EventScheduled>, @Ctx() ctx: InboxContext): Promise<void> {
    await eventScheduled(ctx.manager, event.payload);
  }

  @HandlesEvent(EventRescheduled)
  async onRescheduled(@Payload() event: EventOf<typeof EventRescheduled>, @Ctx() ctx: InboxContext): Promise<void> {
    await eventDayAndStatus(ctx.manager, event.payload.eventId, event.payload.startsOn);
  }

  @HandlesEvent(EventCancelled)
  async onCancelled(@Payload() event: EventOf<typeof EventCancelled>, @Ctx() ctx: InboxContext): Promise<void> {
    await eventDayAndStatus(ctx.manager, event.payload.eventId, event.payload.startsOn, 'cancelled');
  }

  @HandlesEvent(EventCompleted)
  async onCompleted(@Payload() event: EventOf<typeof EventCompleted>, @Ctx() ctx: InboxContext): Promise<void> {
    await eventDayAndStatus(ctx.manager, event.payload.eventId, event.payload.startsOn, 'completed');
  }

  @HandlesEvent(RegistrationCreated)
  async onRegistered(@Payload() event: EventOf<typeof RegistrationCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'registered');
  }

  @HandlesEvent(RegistrationWaitlisted)
  async onWaitlisted(@Payload() event: EventOf<typeof RegistrationWaitlisted>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'waitlisted');
  }

  @HandlesEvent(RegistrationOffered)
  async onOffered(@Payload() event: EventOf<typeof RegistrationOffered>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'offered');
  }

  @HandlesEvent(RegistrationAccepted)
  async onAccepted(@Payload() event: EventOf<typeof RegistrationAccepted>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'registered');
  }

  @HandlesEvent(RegistrationDeclined)
  async onDeclined(@Payload() event: EventOf<typeof RegistrationDeclined>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'declined');
  }

  @HandlesEvent(RegistrationOfferExpired)
  async onOfferExpired(@Payload() event: EventOf<typeof RegistrationOfferExpired>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'expired');
  }

  @HandlesEvent(RegistrationCancelled)
  async onRegistrationCancelled(@Payload() event: EventOf<typeof RegistrationCancelled>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, 'cancelled');
  }

  @HandlesEvent(AttendanceRecorded)
  async onAttendance(@Payload() event: EventOf<typeof AttendanceRecorded>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, event.payload.outcome);
  }

  @HandlesEvent(AttendanceCorrected)
  async onAttendanceCorrected(@Payload() event: EventOf<typeof AttendanceCorrected>, @Ctx() ctx: InboxContext): Promise<void> {
    await registrationStatus(ctx.manager, event.payload, event.payload.outcome);
  }

  @HandlesEvent(SurveySubmitted)
  async onSurvey(@Payload() event: EventOf<typeof SurveySubmitted>, @Ctx() ctx: InboxContext): Promise<void> {
    await surveySubmitted(ctx.manager, event.payload);
  }

  @HandlesEvent(SeriesScheduled)
  async onSeriesScheduled(@Payload() event: EventOf<typeof SeriesScheduled>, @Ctx() ctx: InboxContext): Promise<void> {
    await seriesScheduled(ctx.manager, event.payload);
  }

  @HandlesEvent(SeriesCompleted)
  async onSeriesCompleted(@Payload() event: EventOf<typeof SeriesCompleted>, @Ctx() ctx: InboxContext): Promise<void> {
    await seriesCompleted(ctx.manager, event.payload);
  }
}

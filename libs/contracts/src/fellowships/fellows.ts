// A fellow's stages, mentorships and their host school's confirmations. Key: program id (see ./common).
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';
import {
  COHORT_STATUSES,
  type CohortStatus,
  CohortRefV1,
  FELLOW_STAGES,
  FELLOWSHIPS_TOPIC,
  type FellowStage,
  FellowRefV1,
  MENTORSHIP_END_CAUSES,
  type MentorshipEndCause,
} from './common';

export class FellowStageChangedV1 extends FellowRefV1 {
  /** Null on the fellow's first record (their application: stage `applied`). */
  @IsOptional() @IsIn(FELLOW_STAGES) previousStage!: FellowStage | null;
  @IsIn(FELLOW_STAGES) stage!: FellowStage;
  /** The day the stage took effect (days only move forward across a fellow's history; past days are normal). */
  @IsCalendarDate() effectiveDate!: string;
  /** Required by the service for `withdrawn` and `not_completed`; null otherwise when none was given. */
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
}

export const FellowStageChanged = defineEvent({
  type: 'fellowships.fellow.stage-changed',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: FellowStageChangedV1,
  description:
    'A fellow entered a stage (applied, accepted, enrolled, completed, withdrawn, not_completed) on effectiveDate, with their origin school, sector, city and role as of the day they applied. The first record of a fellow (previousStage null, stage applied) is their application. Key: program id.',
});

/** What every mentorship record carries: the fellow's reference plus the mentorship, its mentor and host school. */
export class MentorshipRefV1 extends FellowRefV1 {
  @IsString() @IsNotEmpty() mentorshipId!: string;
  @IsString() @IsNotEmpty() mentorPersonId!: string;
  @IsString() @IsNotEmpty() hostSchoolId!: string;
}

export class MentorshipAssignedV1 extends MentorshipRefV1 {
  @IsCalendarDate() startsOn!: string;
  /**
   * The fellow's previous mentorship: the one this assignment ends (reassignment), or the one whose mentor
   * departed; null for a first mentor.
   */
  @IsOptional() @IsString() @IsNotEmpty() replacesMentorshipId!: string | null;
}

export const MentorshipAssigned = defineEvent({
  type: 'fellowships.mentorship.assigned',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: MentorshipAssignedV1,
  description:
    'A mentor (holding a role at the host school) was assigned to a fellow from startsOn (status active). A reassignment also ends the previous mentorship (its mentorship.ended, cause reassigned, comes first). Key: program id.',
});

export class MentorshipEndedV1 extends MentorshipRefV1 {
  @IsIn(MENTORSHIP_END_CAUSES) cause!: MentorshipEndCause;
  /** The mentorship's last day. */
  @IsCalendarDate() endedOn!: string;
}

export const MentorshipEnded = defineEvent({
  type: 'fellowships.mentorship.ended',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: MentorshipEndedV1,
  description: 'An active mentorship ended (status ended): the fellow was reassigned, reached a final stage, or the cohort closed. Key: program id.',
});

export class MentorDepartedV1 extends MentorshipRefV1 {
  /** The directory transition (or closure) that took the mentor out of the host school. */
  @IsOptional() @IsString() @IsNotEmpty() transitionId!: string | null;
  /** The first day the mentor no longer held a role at the host school. */
  @IsCalendarDate() departedOn!: string;
  /** The cohort's status when it happened: `active` is a departure during the cohort. */
  @IsIn(COHORT_STATUSES) cohortStatus!: CohortStatus;
}

export const MentorDeparted = defineEvent({
  type: 'fellowships.mentorship.mentor-departed',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: MentorDepartedV1,
  description:
    'The mentor of an active mentorship left the host school (a leadership transition or the end of their tenure): the mentorship is mentor_departed and the fellow needs a new mentor. Key: program id.',
});

/** What every host-site record carries. */
export class HostSiteRefV1 extends CohortRefV1 {
  @IsString() @IsNotEmpty() schoolId!: string;
}

export class HostSiteConfirmationRequestedV1 extends HostSiteRefV1 {
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsOptional() @IsString() @IsNotEmpty() outgoingPersonId!: string | null;
  /** The new principal whose confirmation is needed; null when the principalship was left vacant. */
  @IsOptional() @IsString() @IsNotEmpty() incomingPersonId!: string | null;
  @IsCalendarDate() effectiveDate!: string;
}

export const HostSiteConfirmationRequested = defineEvent({
  type: 'fellowships.host-site.confirmation-requested',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: HostSiteConfirmationRequestedV1,
  description:
    "A host school's principal changed while its cohort was planned or active: the host site awaits the new principal's confirmation (status awaiting_confirmation). Key: program id.",
});

export class HostSiteConfirmedV1 extends HostSiteRefV1 {
  /** The principal who confirmed. */
  @IsString() @IsNotEmpty() personId!: string;
  /** The transition whose request this confirmation answers. */
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsCalendarDate() confirmedOn!: string;
}

export const HostSiteConfirmed = defineEvent({
  type: 'fellowships.host-site.confirmed',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: HostSiteConfirmedV1,
  description: "The host school's current principal confirmed the host site (status confirmed). Key: program id.",
});

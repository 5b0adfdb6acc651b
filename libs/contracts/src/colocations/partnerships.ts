import { ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';

const PARTNERSHIPS_TOPIC = 'colocations.partnerships.v1';

export const PARTNERSHIP_STATUSES = ['active', 'awaiting_recommitment', 'lapsed', 'dissolved', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** Why a partnership's status changed. */
export const STATUS_CAUSES = ['formed', 'leadership_transition', 'recommitment', 'grace_period_expired', 'school_closed', 'ended'] as const;
export type StatusCause = (typeof STATUS_CAUSES)[number];

export const COMMITMENTS = ['shared_pd', 'shared_data_tracking', 'shared_spaces'] as const;
export type Commitment = (typeof COMMITMENTS)[number];

export class SiteCreatedV1 {
  @IsString() @IsNotEmpty() siteId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() name!: string;
  @IsOptional() @IsString() address!: string | null;
}

export const SiteCreated = defineEvent({
  type: 'colocations.site.created',
  version: 1,
  topic: PARTNERSHIPS_TOPIC,
  payload: SiteCreatedV1,
  description: 'A building or campus that hosts colocated schools was added. Key: site id.',
});

export class PartnershipFormedV1 {
  @IsString() @IsNotEmpty() partnershipId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() siteId!: string;
  @IsArray() @ArrayMinSize(2) @IsString({ each: true }) memberSchoolIds!: string[];
  @IsCalendarDate() startedOn!: string;
  @IsArray() @IsIn(COMMITMENTS, { each: true }) commitments!: Commitment[];
  @IsOptional() @IsString() otherCommitments!: string | null;
}

export const PartnershipFormed = defineEvent({
  type: 'colocations.partnership.formed',
  version: 1,
  topic: PARTNERSHIPS_TOPIC,
  payload: PartnershipFormedV1,
  description: 'Schools of different sectors formed a colocation partnership at a site (status active). Key: partnership id.',
});

/**
 * A member school's leader changed: the partnership now waits for the new principal's recommitment.
 * One per (partnership, transition), even when the partnership was already awaiting another school.
 */
export class RecommitmentRequestedV1 {
  @IsString() @IsNotEmpty() partnershipId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsOptional() @IsString() outgoingPersonId!: string | null;
  @IsOptional() @IsString() incomingPersonId!: string | null;
  @IsCalendarDate() effectiveDate!: string;
  /** Last day a recommitment counts; the partnership lapses after it. */
  @IsCalendarDate() dueBy!: string;
}

export const RecommitmentRequested = defineEvent({
  type: 'colocations.partnership.recommitment-requested',
  version: 1,
  topic: PARTNERSHIPS_TOPIC,
  payload: RecommitmentRequestedV1,
  description: "A leadership transition at a member school put the partnership's continuation to its new principal. Key: partnership id.",
});

export class PartnershipRecommittedV1 {
  @IsString() @IsNotEmpty() partnershipId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsString() @IsNotEmpty() personId!: string;
  /** The transition whose request this recommitment answers. */
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsCalendarDate() recommittedOn!: string;
}

export const PartnershipRecommitted = defineEvent({
  type: 'colocations.partnership.recommitted',
  version: 1,
  topic: PARTNERSHIPS_TOPIC,
  payload: PartnershipRecommittedV1,
  description: "A pending school's new principal recommitted to the partnership. Key: partnership id.",
});

export class PartnershipStatusChangedV1 {
  @IsString() @IsNotEmpty() partnershipId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsIn(PARTNERSHIP_STATUSES) from!: PartnershipStatus;
  @IsIn(PARTNERSHIP_STATUSES) to!: PartnershipStatus;
  @IsIn(STATUS_CAUSES) cause!: StatusCause;
  /** The member school that caused it (transition, recommitment, closure); null otherwise. */
  @IsOptional() @IsString() schoolId!: string | null;
  @IsOptional() @IsString() transitionId!: string | null;
  @IsCalendarDate() effectiveDate!: string;
  /** Member schools still waiting for their new principal's recommitment after this change. */
  @IsArray() @IsString({ each: true }) pendingSchoolIds!: string[];
}

export const PartnershipStatusChanged = defineEvent({
  type: 'colocations.partnership.status-changed',
  version: 1,
  topic: PARTNERSHIPS_TOPIC,
  payload: PartnershipStatusChangedV1,
  description: 'A partnership moved between active, awaiting_recommitment, lapsed, dissolved and ended, with its cause. Key: partnership id.',
});

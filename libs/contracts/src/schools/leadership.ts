import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';

const LEADERSHIP_TOPIC = 'schools.leadership.v1';

/** What a role is held at. */
export const HOLDER_KINDS = ['school', 'organization'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/**
 * Roles with at most one current holder: the principal of a school, the chief (superintendent, CMO
 * head, superintendent of Catholic schools) of an organization. Other roles may have several holders.
 */
export const SINGLE_HOLDER_ROLES: Readonly<Record<HolderKind, string>> = { school: 'principal', organization: 'chief' };

export class LeadershipTransitionedV1 {
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsIn(HOLDER_KINDS) holderKind!: HolderKind;
  /** The school or organization whose role changed hands (also the record key). */
  @IsString() @IsNotEmpty() holderId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() @MaxLength(60) role!: string;
  /** Null when the role was vacant (a first appointment). */
  @IsOptional() @IsString() outgoingPersonId!: string | null;
  /** Null when the role is left vacant. */
  @IsOptional() @IsString() incomingPersonId!: string | null;
  /** The incoming tenure starts on this day; the outgoing one ended the day before. */
  @IsCalendarDate() effectiveDate!: string;
  @IsOptional() @IsString() reason!: string | null;
  @IsOptional() @IsString() endedTenureId!: string | null;
  @IsOptional() @IsString() startedTenureId!: string | null;
  /**
   * Set when this transition corrects an earlier one: the earlier record stays readable but no longer
   * counts, and consumers replace its effects with this one's.
   */
  @IsOptional() @IsString() supersedesTransitionId!: string | null;
}

export const LeadershipTransitioned = defineEvent({
  type: 'schools.leadership.transitioned',
  version: 1,
  topic: LEADERSHIP_TOPIC,
  payload: LeadershipTransitionedV1,
  description:
    'A role at a school or organization changed hands (or became vacant, or was first filled): the outgoing tenure ended the day before effectiveDate and the incoming one started on it. Key: school or organization id.',
});

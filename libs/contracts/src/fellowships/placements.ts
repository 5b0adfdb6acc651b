// Placements after (or during) the program and their retention. Key: program id (see ./common).
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { SCHOOL_SECTORS, type SchoolSector } from '../schools/directory';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';
import {
  FELLOWSHIPS_TOPIC,
  FellowRefV1,
  PLACEMENT_END_CAUSES,
  type PlacementEndCause,
  RETENTION_OUTCOMES,
  RETENTION_YEARS,
  type RetentionOutcome,
  type RetentionYear,
} from './common';

/** Where the fellow was placed: the school, its sector and city (the directory copy), and the role. */
export class PlacementSiteV1 {
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsIn(SCHOOL_SECTORS) sector!: SchoolSector;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() @MaxLength(60) role!: string;
}

/** What every placement record carries: the fellow's reference (with origin) and the placement (with its site). */
export class PlacementRefV1 extends FellowRefV1 {
  @IsString() @IsNotEmpty() placementId!: string;
  @IsDefined() @ValidateNested() @Type(() => PlacementSiteV1) placement!: PlacementSiteV1;
  @IsCalendarDate() startsOn!: string;
}

export class PlacementRecordedV1 extends PlacementRefV1 {}

export const PlacementRecorded = defineEvent({
  type: 'fellowships.placement.recorded',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: PlacementRecordedV1,
  description:
    "A fellow's placement (school, role, start date) was recorded, not yet confirmed: origin and placement together give the cross-sector flow. Key: program id.",
});

export class PlacementConfirmedV1 extends PlacementRefV1 {
  /** The directory transition that started the matching tenure (that person, at that school, in that role). */
  @IsString() @IsNotEmpty() transitionId!: string;
  @IsCalendarDate() tenureStartedOn!: string;
}

export const PlacementConfirmed = defineEvent({
  type: 'fellowships.placement.confirmed',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: PlacementConfirmedV1,
  description:
    "A placement was linked to the tenure the directory's leadership transitions record for the fellow at that school and role (confirmed). Key: program id.",
});

export class PlacementEndedV1 extends PlacementRefV1 {
  @IsIn(PLACEMENT_END_CAUSES) cause!: PlacementEndCause;
  /** The placement's last day. */
  @IsCalendarDate() endedOn!: string;
  /** The transition that ended it (null for a closure). */
  @IsOptional() @IsString() @IsNotEmpty() transitionId!: string | null;
}

export const PlacementEnded = defineEvent({
  type: 'fellowships.placement.ended',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: PlacementEndedV1,
  description: 'A placement ended: the fellow left the placement role (a transition) or the school closed. Key: program id.',
});

export class RetentionCheckpointReachedV1 extends PlacementRefV1 {
  @IsIn(RETENTION_YEARS) year!: RetentionYear;
  /** The placement's start plus `year` years. */
  @IsCalendarDate() checkpointOn!: string;
  @IsIn(RETENTION_OUTCOMES) outcome!: RetentionOutcome;
  /**
   * 1 for the first record of this (placement, year); a correction of a transition that changes the answer
   * records the checkpoint again with the next revision. Count the highest revision of each (placement, year).
   */
  @IsInt() @Min(1) revision!: number;
}

export const RetentionCheckpointReached = defineEvent({
  type: 'fellowships.placement.retention-checkpoint-reached',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: RetentionCheckpointReachedV1,
  description:
    'A placement reached its 1, 2 or 3 year checkpoint: retained, left, or unknown (the directory has no record that answers; unknown is not left), from tenure events only. A later revision replaces an earlier one. Key: program id.',
});

// Vocabulary shared by every record on `fellowships.programs.v1`, so the metrics service reads one set of enums
// and one snapshot shape whichever record it projects.
//
// Key: the program id on every record. A fellow belongs to one cohort of one program, so keying by the program
// keeps the program's, its cohorts' and each fellow's whole history (stages, mentorships, placements,
// retention) in order on one partition; a per-fellow key would let a fellow's stage change overtake the
// cohort's cancellation that preceded it.
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SCHOOL_SECTORS, type SchoolSector } from '../schools/directory';

export const FELLOWSHIPS_TOPIC = 'fellowships.programs.v1';

export const PROGRAM_KINDS = ['principal_residency', 'teacher_residency', 'fellowship', 'leadership_fellowship'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

export const PROGRAM_STATUSES = ['active', 'discontinued'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const COHORT_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

/**
 * A fellow's stages: `applied → accepted → enrolled → completed`, or `withdrawn | not_completed` (with a reason)
 * from any stage that is not final. `completed`, `withdrawn` and `not_completed` are final.
 */
export const FELLOW_STAGES = ['applied', 'accepted', 'enrolled', 'completed', 'withdrawn', 'not_completed'] as const;
export type FellowStage = (typeof FELLOW_STAGES)[number];

/** The stages a fellow is still in the program in: these fellows are told of a discontinuation or cancellation. */
export const ACTIVE_FELLOW_STAGES = ['applied', 'accepted', 'enrolled'] as const satisfies readonly FellowStage[];

export const MENTORSHIP_STATUSES = ['active', 'ended', 'mentor_departed'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];

/** Why a mentorship ended (status `ended`); a mentor leaving the host school is `mentor_departed` instead. */
export const MENTORSHIP_END_CAUSES = ['reassigned', 'fellow_finished', 'cohort_closed'] as const;
export type MentorshipEndCause = (typeof MENTORSHIP_END_CAUSES)[number];

/** A host (training) school's standing in a cohort: a change of its principal puts it to the new principal. */
export const HOST_SITE_STATUSES = ['confirmed', 'awaiting_confirmation'] as const;
export type HostSiteStatus = (typeof HOST_SITE_STATUSES)[number];

/** Why a placement ended: the fellow left the placement role (a transition), or the school closed. */
export const PLACEMENT_END_CAUSES = ['left_role', 'school_closed'] as const;
export type PlacementEndCause = (typeof PLACEMENT_END_CAUSES)[number];

/** `unknown` is not `left`: the directory has no record that answers the question either way. */
export const RETENTION_OUTCOMES = ['retained', 'left', 'unknown'] as const;
export type RetentionOutcome = (typeof RETENTION_OUTCOMES)[number];

/** Checkpoints: years after the placement's start. */
export const RETENTION_YEARS = [1, 2, 3] as const;
export type RetentionYear = (typeof RETENTION_YEARS)[number];

/**
 * Where a fellow came from, as the directory knew it on the day they applied: their school, its sector and city,
 * and their role there (an organization role has no school or sector). Frozen: later moves never rewrite it. Any
 * part is null when the directory did not know it.
 */
export class FellowOriginV1 {
  @IsOptional() @IsString() @IsNotEmpty() schoolId!: string | null;
  @IsOptional() @IsIn(SCHOOL_SECTORS) sector!: SchoolSector | null;
  @IsOptional() @IsString() @IsNotEmpty() cityId!: string | null;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(60) role!: string | null;
}

/** What every record names: the program (the key), its kind and the cities it serves. */
export class ProgramRefV1 {
  @IsString() @IsNotEmpty() programId!: string;
  @IsIn(PROGRAM_KINDS) programKind!: ProgramKind;
  /** The cities the program serves (its cohorts and fellows are counted in each). */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) cityIds!: string[];
}

/** What every cohort record carries. */
export class CohortRefV1 extends ProgramRefV1 {
  @IsString() @IsNotEmpty() cohortId!: string;
}

/**
 * What every record about one fellow carries: the fellow, the person, their cohort and program, and their origin
 * snapshot, so each record counts on its own in completion, placement and cross-sector figures.
 */
export class FellowRefV1 extends CohortRefV1 {
  @IsString() @IsNotEmpty() fellowId!: string;
  @IsString() @IsNotEmpty() personId!: string;
  @IsDefined() @ValidateNested() @Type(() => FellowOriginV1) origin!: FellowOriginV1;
}

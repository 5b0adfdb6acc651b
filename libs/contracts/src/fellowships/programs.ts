// A program and its cohorts. Key: program id (see ./common).
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SCHOOL_SECTORS, type SchoolSector } from '../schools/directory';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';
import { CohortRefV1, FELLOWSHIPS_TOPIC, ProgramRefV1 } from './common';

export class ProgramRequirementV1 {
  @IsString() @IsNotEmpty() requirementId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) text!: string;
  /** A non-negotiable when true; optional otherwise. */
  @IsBoolean() required!: boolean;
}

export class ProgramCreatedV1 extends ProgramRefV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  /** The organization that runs it (a CMO, a district, an intermediary). */
  @IsString() @IsNotEmpty() operatorOrganizationId!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ProgramRequirementV1) requirements!: ProgramRequirementV1[];
}

export const ProgramCreated = defineEvent({
  type: 'fellowships.program.created',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: ProgramCreatedV1,
  description:
    "A fellowship or residency program was created (status active) with its kind, operator organization, cities served and requirements. Key: program id (every record of a program, its cohorts and fellows shares it, so a fellow's whole history stays in order).",
});

export class ProgramDiscontinuedV1 extends ProgramRefV1 {
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
  @IsCalendarDate() discontinuedOn!: string;
  /** The planned or active cohorts the discontinuation cancelled (each also has its cohort.cancelled record). */
  @IsArray() @ArrayUnique() @IsString({ each: true }) cancelledCohortIds!: string[];
  /** Every fellow of the program still in it (applied, accepted or enrolled), across its cohorts. */
  @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) activeFellowIds!: string[];
}

export const ProgramDiscontinued = defineEvent({
  type: 'fellowships.program.discontinued',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: ProgramDiscontinuedV1,
  description:
    'A program was discontinued (status discontinued): its planned and active cohorts are cancelled (one cohort.cancelled each, cause program_discontinued) and every fellow still in it is named in activeFellowIds. Fellows keep their stage. Key: program id.',
});

/** A host (training) school of a cohort, as scheduled. */
export class HostSchoolV1 {
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsIn(SCHOOL_SECTORS) sector!: SchoolSector;
  @IsString() @IsNotEmpty() cityId!: string;
  /** Its principal on the day the cohort was scheduled (the directory copy), null when vacant or unknown. */
  @IsOptional() @IsString() @IsNotEmpty() principalPersonId!: string | null;
  @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) mentorPersonIds!: string[];
}

export class CohortScheduledV1 extends CohortRefV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsCalendarDate() startsOn!: string;
  @IsCalendarDate() endsOn!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => HostSchoolV1) hostSchools!: HostSchoolV1[];
}

export const CohortScheduled = defineEvent({
  type: 'fellowships.cohort.scheduled',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: CohortScheduledV1,
  description: 'A cohort of a program was scheduled (status planned) with its dates and host schools, each with its mentors and principal. Key: program id.',
});

export class CohortStartedV1 extends CohortRefV1 {
  @IsCalendarDate() startedOn!: string;
}

export const CohortStarted = defineEvent({
  type: 'fellowships.cohort.started',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: CohortStartedV1,
  description: 'A planned cohort started (status active). Key: program id.',
});

export class CohortCompletedV1 extends CohortRefV1 {
  @IsCalendarDate() completedOn!: string;
}

export const CohortCompleted = defineEvent({
  type: 'fellowships.cohort.completed',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: CohortCompletedV1,
  description: "An active cohort completed (status completed); its fellows' own stages say who completed. Key: program id.",
});

/** Who cancelled the cohort: an operator, or the program's discontinuation. */
export const COHORT_CANCELLATION_CAUSES = ['operator', 'program_discontinued'] as const;
export type CohortCancellationCause = (typeof COHORT_CANCELLATION_CAUSES)[number];

export class CohortCancelledV1 extends CohortRefV1 {
  @IsIn(COHORT_CANCELLATION_CAUSES) cause!: CohortCancellationCause;
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
  @IsCalendarDate() cancelledOn!: string;
  /** Every fellow of the cohort still in it (applied, accepted or enrolled): each is told. They keep their stage. */
  @IsDefined() @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) activeFellowIds!: string[];
}

export const CohortCancelled = defineEvent({
  type: 'fellowships.cohort.cancelled',
  version: 1,
  topic: FELLOWSHIPS_TOPIC,
  payload: CohortCancelledV1,
  description:
    "A planned or active cohort was cancelled (status cancelled) by an operator or by its program's discontinuation; activeFellowIds names every fellow still in it. Key: program id.",
});

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  FELLOW_STAGES,
  type FellowStage,
  IsCalendarDate,
  MENTORSHIP_END_CAUSES,
  MENTORSHIP_STATUSES,
  type MentorshipEndCause,
  type MentorshipStatus,
  SCHOOL_SECTORS,
  type SchoolSector,
} from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';
import { PlacementView } from '../../placements/dto/placement.dto';

export class AddFellowRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a5' }) @IsString() @IsNotEmpty() personId!: string;
  @ApiPropertyOptional({ example: '2026-05-01', description: 'Default today; the origin snapshot is taken as of this day' })
  @IsOptional()
  @IsCalendarDate()
  appliedOn?: string;
}

export class ChangeStageRequest {
  @ApiProperty({ enum: FELLOW_STAGES, example: 'accepted' }) @IsIn(FELLOW_STAGES) stage!: FellowStage;
  @ApiProperty({ example: '2026-06-01', description: "Not before the fellow's latest stage change; past days are normal" })
  @IsCalendarDate()
  effectiveDate!: string;
  @ApiPropertyOptional({ example: 'Moved out of state', description: 'Required for withdrawn and not_completed' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RecordRequirementRequest {
  @ApiProperty({ example: true }) @IsBoolean() met!: boolean;
  @ApiProperty({ example: '2026-06-15', description: 'The day it was checked' }) @IsCalendarDate() on!: string;
}

export class AssignMentorRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsString() @IsNotEmpty() mentorPersonId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001', description: "One of the cohort's host schools, where the mentor holds a role" })
  @IsString()
  @IsNotEmpty()
  hostSchoolId!: string;
  @ApiProperty({ example: '2026-08-01' }) @IsCalendarDate() startsOn!: string;
}

/** A query string's `true`/`false` as a boolean; anything else is left for the validator to refuse. */
function booleanParam(raw: unknown): unknown {
  return raw === 'true' ? true : raw === 'false' ? false : raw;
}

export class FellowQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000101' }) @IsOptional() @IsString() cohortId?: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000f1' }) @IsOptional() @IsString() programId?: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000d1' }) @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ enum: FELLOW_STAGES, example: 'enrolled' }) @IsOptional() @IsIn(FELLOW_STAGES) stage?: FellowStage;
  @ApiPropertyOptional({ example: true, description: 'Fellows whose mentor left the host school and who have no new one yet' })
  @IsOptional()
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => booleanParam(obj[key]))
  @IsBoolean()
  needsMentor?: boolean;
}

export class OriginView {
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-000000000007' }) schoolId!: string | null;
  @ApiProperty({ enum: SCHOOL_SECTORS, nullable: true, example: 'charter' }) sector!: SchoolSector | null;
  @ApiProperty({ nullable: true, type: String, example: 'assistant_principal' }) role!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000d1' }) cityId!: string | null;
}

export class StageHistoryView {
  @ApiProperty({ enum: FELLOW_STAGES, nullable: true, example: 'applied' }) from!: FellowStage | null;
  @ApiProperty({ enum: FELLOW_STAGES, example: 'accepted' }) to!: FellowStage;
  @ApiProperty({ example: '2026-06-01' }) effectiveDate!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) reason!: string | null;
  @ApiProperty({ example: '2026-06-01T09:00:00.000Z' }) recordedAt!: string;
}

export class RequirementStatusView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) requirementId!: string;
  @ApiProperty({ example: 'Three years of classroom teaching' }) text!: string;
  @ApiProperty({ example: true }) required!: boolean;
  @ApiProperty({ nullable: true, type: Boolean, example: true, description: 'Null until recorded' }) met!: boolean | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-06-15' }) recordedOn!: string | null;
}

export class MentorshipView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000201' }) id!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) mentorPersonId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Ana Ruiz' }) mentorName!: string | null;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) hostSchoolId!: string;
  @ApiProperty({ example: '2026-08-01' }) startsOn!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) endsOn!: string | null;
  @ApiProperty({ enum: MENTORSHIP_STATUSES, example: 'active' }) status!: MentorshipStatus;
  @ApiProperty({ enum: MENTORSHIP_END_CAUSES, nullable: true, example: null }) endCause!: MentorshipEndCause | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'The transition that took the mentor out of the host school' })
  departureTransitionId!: string | null;
}

export class FellowResponse {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000301' }) id!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000101' }) cohortId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000f1' }) programId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a5' }) personId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Jordan Lee' }) fullName!: string | null;
  @ApiProperty({ enum: FELLOW_STAGES, example: 'applied' }) stage!: FellowStage;
  @ApiProperty({ example: '2026-05-01' }) appliedOn!: string;
  @ApiProperty({ type: OriginView, description: 'Where the fellow came from, as the directory knew it on appliedOn' }) origin!: OriginView;
  @ApiProperty({ example: false }) needsMentor!: boolean;
  @ApiProperty({ type: [StageHistoryView] }) stageHistory!: StageHistoryView[];
  @ApiProperty({ type: [RequirementStatusView] }) requirements!: RequirementStatusView[];
  @ApiProperty({ type: [MentorshipView] }) mentorships!: MentorshipView[];
  @ApiProperty({ type: [PlacementView], description: 'Placements, with their confirmation, end and retention' }) placements!: object[];
}

export class FellowPage {
  @ApiProperty({ type: [FellowResponse] }) items!: FellowResponse[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: string | null;
}

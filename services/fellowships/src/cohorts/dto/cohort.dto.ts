import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  COHORT_CANCELLATION_CAUSES,
  COHORT_STATUSES,
  type CohortCancellationCause,
  type CohortStatus,
  HOST_SITE_STATUSES,
  type HostSiteStatus,
  IsCalendarDate,
} from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

export class HostSchoolRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsString() @IsNotEmpty() schoolId!: string;
  @ApiProperty({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000a1'], description: 'Each must hold a role at the school (the directory)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'mentorPersonIds must not repeat a person' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  mentorPersonIds!: string[];
}

export class ScheduleCohortRequest {
  @ApiProperty({ example: '2026-27 cohort' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '2026-08-01' }) @IsCalendarDate() startsOn!: string;
  @ApiProperty({ example: '2027-06-30' }) @IsCalendarDate() endsOn!: string;
  @ApiProperty({
    type: [HostSchoolRequest],
    example: [{ schoolId: '01935a7e-0000-7000-8000-000000000001', mentorPersonIds: ['01935a7e-0000-7000-8000-0000000000a1'] }],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HostSchoolRequest)
  hostSchools!: HostSchoolRequest[];
}

export class CohortMoveRequest {
  @ApiPropertyOptional({ example: '2026-08-01', description: 'The day it takes effect (default today); past days record history' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class CancelCohortRequest extends CohortMoveRequest {
  @ApiPropertyOptional({ example: 'Too few applicants' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ConfirmHostSiteRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a2', description: "The host school's current principal" })
  @IsString()
  @IsNotEmpty()
  personId!: string;
}

export class CohortQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000f1' }) @IsOptional() @IsString() programId?: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000d1' }) @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ enum: COHORT_STATUSES, example: 'active' }) @IsOptional() @IsIn(COHORT_STATUSES) status?: CohortStatus;
  @ApiPropertyOptional({ enum: HOST_SITE_STATUSES, example: 'awaiting_confirmation', description: 'Cohorts with at least one host site in this status' })
  @IsOptional()
  @IsIn(HOST_SITE_STATUSES)
  hostSiteStatus?: HostSiteStatus;
}

export class PersonView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) personId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Ana Ruiz' }) fullName!: string | null;
}

export class PendingConfirmationView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000b1' }) transitionId!: string;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000a2' }) outgoingPersonId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000a3' }) incomingPersonId!: string | null;
  @ApiProperty({ example: '2026-10-01' }) effectiveDate!: string;
}

export class HostSiteHistoryView {
  @ApiProperty({ enum: HOST_SITE_STATUSES, example: 'awaiting_confirmation' }) status!: HostSiteStatus;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000b1' }) transitionId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000a3' }) personId!: string | null;
  @ApiProperty({ example: '2026-10-01' }) effectiveDate!: string;
  @ApiProperty({ example: '2026-10-01T09:00:00.000Z' }) recordedAt!: string;
}

export class HostSchoolView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) schoolId!: string;
  @ApiProperty({ example: 'Lincoln Elementary' }) name!: string;
  @ApiProperty({ example: 'charter' }) sector!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000d1' }) cityId!: string;
  @ApiProperty({ enum: HOST_SITE_STATUSES, example: 'confirmed' }) status!: HostSiteStatus;
  @ApiProperty({ type: PersonView, nullable: true, description: "The school's principal now (the directory)" }) principal!: PersonView | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000a2', description: 'The principal who stands behind the host site' })
  confirmedPrincipalPersonId!: string | null;
  @ApiProperty({ type: PendingConfirmationView, nullable: true }) pendingConfirmation!: PendingConfirmationView | null;
  @ApiProperty({ type: [PersonView] }) mentors!: PersonView[];
  @ApiProperty({ type: [HostSiteHistoryView] }) history!: HostSiteHistoryView[];
}

export class CohortHistoryView {
  @ApiProperty({ enum: COHORT_STATUSES, nullable: true, example: 'planned' }) from!: CohortStatus | null;
  @ApiProperty({ enum: COHORT_STATUSES, example: 'active' }) to!: CohortStatus;
  @ApiProperty({ example: '2026-08-01' }) effectiveDate!: string;
  @ApiProperty({ enum: COHORT_CANCELLATION_CAUSES, nullable: true, example: null }) cause!: CohortCancellationCause | null;
  @ApiProperty({ nullable: true, type: String, example: null }) reason!: string | null;
  @ApiProperty({ example: '2026-08-01T09:00:00.000Z' }) recordedAt!: string;
}

export class CohortResponse {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000101' }) id!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000f1' }) programId!: string;
  @ApiProperty({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000d1'], description: "The program's cities" }) cityIds!: string[];
  @ApiProperty({ example: '2026-27 cohort' }) name!: string;
  @ApiProperty({ example: '2026-08-01' }) startsOn!: string;
  @ApiProperty({ example: '2027-06-30' }) endsOn!: string;
  @ApiProperty({ enum: COHORT_STATUSES, example: 'planned' }) status!: CohortStatus;
  @ApiProperty({ type: [HostSchoolView] }) hostSchools!: HostSchoolView[];
  @ApiProperty({ type: [CohortHistoryView] }) history!: CohortHistoryView[];
}

export class CohortPage {
  @ApiProperty({ type: [CohortResponse] }) items!: CohortResponse[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: string | null;
}

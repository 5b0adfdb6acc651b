import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  COMMITMENTS,
  type Commitment,
  PARTNERSHIP_STATUSES,
  type PartnershipStatus,
  STATUS_CAUSES,
  type StatusCause,
  IsCalendarDate,
} from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

export class FormPartnershipRequest {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e70' })
  @IsString()
  @IsNotEmpty()
  siteId!: string;

  @ApiProperty({ type: [String], minItems: 2, example: ['01935a7e-0000-7000-8000-000000000001', '01935a7e-0000-7000-8000-000000000002'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayUnique({ message: 'memberSchoolIds must not repeat a school' })
  @IsString({ each: true })
  memberSchoolIds!: string[];

  @ApiProperty({ example: '2026-08-15' })
  @IsCalendarDate()
  startedOn!: string;

  @ApiPropertyOptional({ enum: COMMITMENTS, isArray: true, example: ['shared_pd', 'shared_spaces'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(COMMITMENTS, { each: true })
  commitments?: Commitment[];

  @ApiPropertyOptional({ example: 'Joint family nights each semester' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  otherCommitments?: string;
}

export class RecommitRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsString() @IsNotEmpty() schoolId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1', description: "The school's current principal" })
  @IsString()
  @IsNotEmpty()
  personId!: string;
}

export class GracePeriodEvaluationRequest {
  @ApiPropertyOptional({ example: '2027-01-31', description: 'The business date to evaluate as of (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class GracePeriodEvaluationResponse {
  @ApiProperty({ example: '2027-01-31' }) asOf!: string;
  @ApiProperty({ type: [String], description: 'Partnerships that lapsed in this evaluation' }) lapsed!: string[];
}

export class PartnershipQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ enum: PARTNERSHIP_STATUSES }) @IsOptional() @IsIn(PARTNERSHIP_STATUSES) status?: PartnershipStatus;
}

export class ChampionView {
  @ApiProperty() personId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Ana Ruiz' }) fullName!: string | null;
}

export class PendingRecommitmentView {
  @ApiProperty() transitionId!: string;
  @ApiProperty({ example: '2026-10-01' }) effectiveDate!: string;
  @ApiProperty({ example: '2026-12-30' }) dueBy!: string;
  @ApiProperty({ nullable: true, type: String }) outgoingPersonId!: string | null;
  @ApiProperty({ nullable: true, type: String }) incomingPersonId!: string | null;
}

export class MemberView {
  @ApiProperty() schoolId!: string;
  @ApiProperty({ example: 'Lincoln Elementary' }) name!: string;
  @ApiProperty({ example: 'district' }) sector!: string;
  @ApiProperty({ type: ChampionView, nullable: true }) champion!: ChampionView | null;
  @ApiProperty({ type: PendingRecommitmentView, nullable: true }) pendingRecommitment!: PendingRecommitmentView | null;
}

export class HistoryEntryView {
  @ApiProperty({ enum: PARTNERSHIP_STATUSES, nullable: true }) from!: PartnershipStatus | null;
  @ApiProperty({ enum: PARTNERSHIP_STATUSES }) to!: PartnershipStatus;
  @ApiProperty({ enum: STATUS_CAUSES }) cause!: StatusCause;
  @ApiProperty({ nullable: true, type: String }) schoolId!: string | null;
  @ApiProperty({ nullable: true, type: String }) transitionId!: string | null;
  @ApiProperty({ example: '2026-08-15' }) effectiveDate!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) recordedAt!: string;
}

export class PartnershipResponse {
  @ApiProperty() id!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ enum: PARTNERSHIP_STATUSES }) status!: PartnershipStatus;
  @ApiProperty({ example: '2026-08-15' }) startedOn!: string;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ enum: COMMITMENTS, isArray: true }) commitments!: Commitment[];
  @ApiProperty({ nullable: true, type: String }) otherCommitments!: string | null;
  @ApiProperty({ type: [MemberView] }) members!: MemberView[];
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
}

export class PartnershipPage {
  @ApiProperty({ type: [PartnershipResponse] }) items!: PartnershipResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

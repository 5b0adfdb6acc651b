import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVENT_STATUSES, type EventStatus, REGISTRATION_STATUSES, type RegistrationStatus } from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';
import { ScheduleEventRequest, RegistrationCountsView } from '../../events/dto/event.dto';
import { SnapshotView } from '../../registrations/dto/registration.dto';
import { SERIES_STATUSES, type SeriesStatus } from '../series.entity';

/** A course runs weekly for a school year at most. */
export const MAX_SERIES_SESSIONS = 40;

/**
 * A session: the body of POST /v1/events, whose kind is `series_session` and whose city is the series' (both may
 * be omitted; given, they must say so).
 */
export class SeriesSessionRequest extends OmitType(ScheduleEventRequest, ['kind', 'cityId', 'backfill'] as const) {
  @ApiPropertyOptional({ enum: ['series_session'], example: 'series_session' }) @IsOptional() @IsIn(['series_session']) kind?: 'series_session';
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000c1', description: "The series' city" }) @IsOptional() @IsString() cityId?: string;
}

export class ScheduleSeriesRequest {
  @ApiProperty({ example: 'Leading literacy, three Saturdays' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1' }) @IsString() @IsNotEmpty() cityId!: string;
  @ApiProperty({ example: 2, description: 'N in "attended at least N of M sessions" (M: the sessions given)' }) @IsInt() @Min(1) requiredSessions!: number;
  @ApiPropertyOptional({ example: 6, default: 0, description: "Credit hours on completion, on top of each attended session's own" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  completionCreditHours?: number;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'Records a series of the past: its sessions may start before now (network admins and city operators only)',
  })
  @IsOptional()
  @IsBoolean()
  backfill?: boolean;

  @ApiProperty({ type: [SeriesSessionRequest], description: 'The sessions, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_SESSIONS)
  @ValidateNested({ each: true })
  @Type(() => SeriesSessionRequest)
  sessions!: SeriesSessionRequest[];
}

export class SeriesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ enum: SERIES_STATUSES }) @IsOptional() @IsIn(SERIES_STATUSES) status?: SeriesStatus;
}

export class SeriesRegisterRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsString() @IsNotEmpty() personId!: string;
  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'Network admins and city operators recording someone at sessions that have started: their windows do not apply then',
  })
  @IsOptional()
  @IsBoolean()
  backfill?: boolean;
}

export class SeriesRuleView {
  @ApiProperty({ example: 2, description: 'N' }) requiredSessions!: number;
  @ApiProperty({ example: 3, description: 'M' }) sessions!: number;
  @ApiProperty({ example: 6 }) completionCreditHours!: number;
}

export class SeriesSessionView {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 0 }) position!: number;
  @ApiProperty({ example: 'Session 1: the reading block' }) title!: string;
  @ApiProperty({ example: '2026-09-12T15:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-09-12T18:00:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: '2026-09-12' }) startsOn!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  @ApiProperty({ nullable: true, type: Number, example: 20 }) capacity!: number | null;
  @ApiProperty({ example: 3 }) creditHours!: number;
  @ApiProperty({ type: RegistrationCountsView }) counts!: RegistrationCountsView;
}

export class SeriesParticipantOutcomeView {
  @ApiProperty() personId!: string;
  @ApiProperty({ example: 2 }) sessionsAttended!: number;
  @ApiProperty({ example: true }) completed!: boolean;
  @ApiProperty({ example: 6 }) sessionCreditHours!: number;
  @ApiProperty({ example: 6 }) completionCreditHours!: number;
}

export class SeriesCompletionView {
  @ApiProperty({ example: '2026-10-03T19:05:00.000Z' }) decidedAt!: string;
  @ApiProperty({ example: 3 }) sessionsHeld!: number;
  @ApiProperty({ example: 2, description: 'N as applied: never more than the sessions held' }) requiredSessionsApplied!: number;
  @ApiProperty({ example: 18, description: 'People with an attendance outcome at a held session' }) participants!: number;
  @ApiProperty({ example: 15 }) completed!: number;
}

export class SeriesSummary {
  @ApiProperty() id!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ example: 'Leading literacy, three Saturdays' }) title!: string;
  @ApiProperty({ enum: SERIES_STATUSES, description: 'completed once decided; cancelled when every session was cancelled' }) status!: SeriesStatus;
  @ApiProperty({ type: SeriesRuleView }) rule!: SeriesRuleView;
  @ApiProperty({ type: [SeriesSessionView] }) sessions!: SeriesSessionView[];
  @ApiProperty({ type: SeriesCompletionView, nullable: true, description: 'Null until the last session ends' }) completion!: SeriesCompletionView | null;
}

export class SeriesResponse extends SeriesSummary {
  @ApiProperty({ type: [SeriesParticipantOutcomeView], description: 'Per participant, once decided (empty before)' }) outcomes!: SeriesParticipantOutcomeView[];
}

export class SeriesPage {
  @ApiProperty({ type: [SeriesSummary] }) items!: SeriesSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SeriesRegistrationView {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ type: SnapshotView }) snapshot!: SnapshotView;
}

export class SkippedSessionView {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'registration_closed' }) reason!: string;
  @ApiProperty({ example: 'Registration closed at 2026-09-12T15:00:00.000Z' }) message!: string;
}

export class SeriesRegistrationResponse {
  @ApiProperty() seriesId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: [SeriesRegistrationView], description: "The person's registration at each session joined, in session order" })
  registrations!: SeriesRegistrationView[];
  @ApiProperty({ type: [SkippedSessionView], description: 'Sessions not joined (closed, cancelled, outside their window), and why' })
  skipped!: SkippedSessionView[];
}

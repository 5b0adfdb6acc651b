import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import {
  EVENT_AUDIENCES,
  EVENT_FLAG_REASONS,
  EVENT_FORMATS,
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventAudience,
  type EventFlagReason,
  type EventFormat,
  type EventKind,
  type EventStatus,
  IsCalendarDate,
  SCHOOL_SECTORS,
  type SchoolSector,
  WAITLIST_ORDERINGS,
  type WaitlistOrdering,
} from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

const INSTANT = { strict: true, strictSeparator: true } as const;
const MAX_FACILITATORS = 20;

export class ScheduleEventRequest {
  @ApiProperty({ enum: EVENT_KINDS, example: 'workshop' }) @IsIn(EVENT_KINDS) kind!: EventKind;
  @ApiProperty({ example: 'Reading across the curriculum' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1' }) @IsString() @IsNotEmpty() cityId!: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000001', description: 'An open school of the city' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  hostSchoolId?: string;

  @ApiPropertyOptional({ example: 'Central Library, room 2' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) venue?: string;
  @ApiProperty({ example: '2026-09-12T15:00:00.000Z' }) @IsISO8601(INSTANT) startsAt!: string;
  @ApiProperty({ example: '2026-09-12T18:00:00.000Z' }) @IsISO8601(INSTANT) endsAt!: string;
  @ApiPropertyOptional({ example: 'America/Denver', description: "Default: the city's, else UTC" }) @IsOptional() @IsString() timeZone?: string;
  @ApiPropertyOptional({ example: '2026-08-15T15:00:00.000Z', description: 'Self-registration opens (default: when scheduled)' })
  @IsOptional()
  @IsISO8601(INSTANT)
  registrationOpensAt?: string;

  @ApiPropertyOptional({ example: '2026-09-10T23:00:00.000Z', description: 'Self-registration closes, no later than the start (default: the start)' })
  @IsOptional()
  @IsISO8601(INSTANT)
  registrationClosesAt?: string;

  @ApiPropertyOptional({ example: 30, description: 'Seats; omit for no limit' }) @IsOptional() @IsInt() @Min(0) capacity?: number;
  @ApiPropertyOptional({ enum: WAITLIST_ORDERINGS, example: 'coverage_first', default: 'fifo' })
  @IsOptional()
  @IsIn(WAITLIST_ORDERINGS)
  waitlistPolicy?: WaitlistOrdering;

  @ApiPropertyOptional({ example: 48, default: 48, description: 'How long a freed seat stays offered' }) @IsOptional() @IsInt() offerHours?: number;
  @ApiPropertyOptional({ example: 3, default: 0 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) creditHours?: number;
  @ApiPropertyOptional({ enum: EVENT_AUDIENCES, example: 'teachers', default: 'mixed' }) @IsOptional() @IsIn(EVENT_AUDIENCES) audience?: EventAudience;
  @ApiPropertyOptional({ enum: EVENT_FORMATS, example: 'in_person', default: 'in_person' }) @IsOptional() @IsIn(EVENT_FORMATS) format?: EventFormat;
  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'Records an event of the past (backfilling the network history): its start may be before now. Network admins and city operators only; registrations and attendance are then recorded with backfill too',
  })
  @IsOptional()
  @IsBoolean()
  backfill?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['literacy'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000a2'], description: 'People of the directory who lead it, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FACILITATORS)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  facilitatorPersonIds?: string[];
}

export class RescheduleEventRequest {
  @ApiProperty({ example: '2026-09-19T15:00:00.000Z' }) @IsISO8601(INSTANT) startsAt!: string;
  @ApiProperty({ example: '2026-09-19T18:00:00.000Z' }) @IsISO8601(INSTANT) endsAt!: string;
  @ApiPropertyOptional({ example: 'America/Denver', description: 'Default: the current time zone' }) @IsOptional() @IsString() timeZone?: string;
  @ApiPropertyOptional({ example: 'The host school has testing that week' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Omitted: the current opening stays; null: open from now on' })
  @IsOptional()
  @IsISO8601(INSTANT)
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Omitted: the current closing stays; null: open until the start' })
  @IsOptional()
  @IsISO8601(INSTANT)
  registrationClosesAt?: string | null;
}

export class CancelEventRequest {
  @ApiProperty({ example: 'The facilitator is ill' }) @IsString() @MaxLength(500) reason!: string;
}

export class EventQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ example: '2026-09-01', description: 'Events starting on or after this local day' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-09-30', description: 'Events starting on or before this local day' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() hostSchoolId?: string;
  @ApiPropertyOptional({ example: 'literacy' }) @IsOptional() @IsString() topic?: string;
  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES) status?: EventStatus;
  @ApiPropertyOptional({ enum: EVENT_FLAG_REASONS }) @IsOptional() @IsIn(EVENT_FLAG_REASONS) flag?: EventFlagReason;
}

export class EventFlagView {
  @ApiProperty({ enum: EVENT_FLAG_REASONS }) reason!: EventFlagReason;
  @ApiProperty({ example: '2026-08-01' }) effectiveDate!: string;
  @ApiProperty({ nullable: true, type: String }) transitionId!: string | null;
}

export class RescheduleView {
  @ApiProperty({ example: 1 }) sequence!: number;
  @ApiProperty({ example: '2026-09-12T15:00:00.000Z' }) previousStartsAt!: string;
  @ApiProperty({ example: '2026-09-12T18:00:00.000Z' }) previousEndsAt!: string;
  @ApiProperty({ example: 'America/Denver' }) previousTimeZone!: string;
  @ApiProperty({ example: '2026-09-19T15:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-09-19T18:00:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'America/Denver' }) timeZone!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ example: '2026-08-20T10:00:00.000Z' }) recordedAt!: string;
}

export class RegistrationCountsView {
  @ApiProperty({ example: 28 }) registered!: number;
  @ApiProperty({ example: 4 }) waitlisted!: number;
  @ApiProperty({ example: 2 }) offered!: number;
  @ApiProperty({ example: 0 }) attended!: number;
  @ApiProperty({ example: 0 }) noShow!: number;
}

export class EventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: EventKind;
  @ApiProperty({ nullable: true, type: String, description: 'The series of a series_session' }) seriesId!: string | null;
  @ApiProperty({ example: 'Reading across the curriculum' }) title!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ nullable: true, type: String }) hostSchoolId!: string | null;
  @ApiProperty({ enum: SCHOOL_SECTORS, nullable: true }) hostSector!: SchoolSector | null;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ example: '2026-09-12T15:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-09-12T18:00:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'America/Denver' }) timeZone!: string;
  @ApiProperty({ example: '2026-09-12' }) startsOn!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-08-15T15:00:00.000Z' }) registrationOpensAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-09-10T23:00:00.000Z' }) registrationClosesAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 30 }) capacity!: number | null;
  @ApiProperty({ enum: WAITLIST_ORDERINGS }) waitlistPolicy!: WaitlistOrdering;
  @ApiProperty({ example: 48 }) offerHours!: number;
  @ApiProperty({ example: 3 }) creditHours!: number;
  @ApiProperty({ enum: EVENT_AUDIENCES }) audience!: EventAudience;
  @ApiProperty({ enum: EVENT_FORMATS }) format!: EventFormat;
  @ApiProperty({ type: [String], example: ['literacy'] }) topics!: string[];
  @ApiProperty({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000a2'] }) facilitatorPersonIds!: string[];
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  @ApiProperty({ example: 0, description: 'Reschedules so far (the calendar SEQUENCE)' }) sequence!: number;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ type: [EventFlagView] }) flags!: EventFlagView[];
  @ApiProperty({ type: [RescheduleView] }) reschedules!: RescheduleView[];
  @ApiProperty({ type: RegistrationCountsView }) counts!: RegistrationCountsView;
}

export class EventPage {
  @ApiProperty({ type: [EventResponse] }) items!: EventResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

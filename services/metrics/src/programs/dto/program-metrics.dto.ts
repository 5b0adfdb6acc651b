import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PeriodReportQuery } from '../../reporting/period';

const CITY_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f';
const CITY_NAME = {
  example: 'Denver',
  nullable: true,
  type: String,
  description: 'From the directory; null if the metrics have not heard of the city',
} as const;
const EVENT_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e71';
const SERIES_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e72';

export class NetworkItem {
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ example: 9, description: 'Events held (completed) in the period; a series counts once, however many of its sessions were held' })
  events!: number;
  @ApiProperty({ example: 14, description: 'Sessions held: every completed stand-alone event and every completed series session' })
  sessions!: number;
  @ApiProperty({ example: 310, description: 'Registrations for events of the period not cancelled, declined or expired' }) registrations!: number;
  @ApiProperty({ example: 251, description: 'Attended registrations (corrections applied)' }) attendances!: number;
  @ApiProperty({ example: 164, description: 'Distinct people who attended' }) participants!: number;
  @ApiProperty({ example: 38, description: "Distinct schools of the attendees (their snapshot), a school's own events not reaching it" }) schools!: number;
  @ApiProperty({ example: 17, description: 'Distinct attendees who were a principal or a chief when they registered' }) schoolLeaders!: number;
}

export class NetworkTotals {
  @ApiProperty({ example: 3, description: 'Cities that held at least one event in the period' }) cities!: number;
  @ApiProperty({ example: 27 }) events!: number;
  @ApiProperty({ example: 40 }) sessions!: number;
  @ApiProperty({ example: 901 }) registrations!: number;
  @ApiProperty({ example: 720 }) attendances!: number;
  @ApiProperty({ example: 402, description: 'Distinct people across the cities (someone who attended in two cities counts once)' }) participants!: number;
  @ApiProperty({ example: 96 }) schools!: number;
  @ApiProperty({ example: 44 }) schoolLeaders!: number;
}

export class NetworkReport {
  @ApiProperty({ type: [NetworkItem] }) items!: NetworkItem[];
  @ApiProperty({ type: NetworkTotals, description: 'The cities of `items` together' }) totals!: NetworkTotals;
}

export const SATISFACTION_GROUPINGS = ['city', 'event', 'series'] as const;
export type SatisfactionGrouping = (typeof SATISFACTION_GROUPINGS)[number];

export class SatisfactionQuery extends PeriodReportQuery {
  @ApiPropertyOptional({ example: EVENT_ID, description: 'Only this event (404 when unknown or in a city outside your token)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  eventId?: string;

  @ApiPropertyOptional({ example: SERIES_ID, description: 'Only the sessions of this series (404 when unknown or outside your cities)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  seriesId?: string;

  @ApiPropertyOptional({
    enum: SATISFACTION_GROUPINGS,
    description: 'One row per city, per held event or per series; by default per event with eventId, per series with seriesId, else per city',
  })
  @IsOptional()
  @IsIn(SATISFACTION_GROUPINGS)
  by?: SatisfactionGrouping;
}

export class SatisfactionItem {
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiPropertyOptional({ example: EVENT_ID, description: 'Per event' }) eventId?: string;
  @ApiPropertyOptional({ example: SERIES_ID, nullable: true, type: String, description: 'Per series, and per event (null for a stand-alone event)' })
  seriesId?: string | null;
  @ApiPropertyOptional({
    example: 'Reading across the curriculum',
    nullable: true,
    type: String,
    description: 'Per event and per series (null for a series not scheduled yet)',
  })
  title?: string | null;
  @ApiPropertyOptional({ example: '2026-03-14', description: "Per event: its day in the event's time zone" }) startsOn?: string;
  @ApiProperty({ example: 40, description: 'Attended registrations' }) attendances!: number;
  @ApiProperty({ example: 31, description: 'Survey responses, each at its latest revision' }) responses!: number;
  @ApiProperty({ example: 0.775, nullable: true, type: Number, description: 'responses / attendances, 4 decimals; null with nobody attended' })
  responseRate!: number | null;
  @ApiProperty({ example: 4.3548, nullable: true, type: Number, description: 'Mean usefulness (1-5), 4 decimals; null without responses' })
  meanUsefulness!: number | null;
  @ApiProperty({ example: 41.94, nullable: true, type: Number, description: '% promoters (9-10) minus % detractors (0-6), 2 decimals; null without responses' })
  nps!: number | null;
}

export class SatisfactionReport {
  @ApiProperty({ type: [SatisfactionItem] }) items!: SatisfactionItem[];
}

export class ReachItem {
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ example: 164, description: 'Distinct people who attended in the period' }) participants!: number;
  @ApiProperty({ example: 97, description: 'Of those, people whose first attendance in the city ever falls in the period' }) newParticipants!: number;
  @ApiProperty({ example: 67, description: 'participants - newParticipants: they had attended in the city before' }) repeatParticipants!: number;
  @ApiProperty({ example: 38, description: 'Distinct schools reached in the period (as in /v1/metrics/network)' }) schools!: number;
  @ApiProperty({ example: 12, description: 'Of those, schools first reached in the city in the period' }) newSchools!: number;
  @ApiProperty({ example: 26 }) repeatSchools!: number;
  @ApiProperty({ example: 230, description: 'Attendances in the period that reached a school' }) schoolAttendances!: number;
  @ApiProperty({ example: 4, description: 'The top 10% of the reached schools by attendances, rounded up' }) topSchools!: number;
  @ApiProperty({ example: 0.3217, nullable: true, type: Number, description: 'Share of schoolAttendances from those schools, 4 decimals; null without any' })
  topSchoolsShare!: number | null;
  @ApiProperty({ example: 60, description: "The city's schools in the directory that had not closed before the period began" }) schoolsInCity!: number;
  @ApiProperty({ example: 19, description: 'Of those, schools no attendance in the city had reached by the end of the period' }) neverReached!: number;
}

export class ReachReport {
  @ApiProperty({ type: [ReachItem] }) items!: ReachItem[];
}

const SECTORS = ['district', 'charter', 'catholic', 'independent', 'faith_based', 'none'];

export class CrossSectorItem {
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ enum: SECTORS, example: 'district', description: "The attendee's school sector at registration; none without a school" })
  attendeeSector!: string;
  @ApiProperty({ enum: SECTORS, example: 'charter', description: "The host school's sector; none for an event at a venue or online" })
  hostSector!: string;
  @ApiProperty({ example: 42 }) attendances!: number;
}

export class CrossSectorReport {
  @ApiProperty({ type: [CrossSectorItem] }) items!: CrossSectorItem[];
}

export class SeriesItem {
  @ApiProperty({ example: SERIES_ID }) seriesId!: string;
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ example: 'Teacher-led literacy course' }) title!: string;
  @ApiProperty({ example: 3, description: 'M: sessions scheduled' }) sessions!: number;
  @ApiProperty({ example: 2, description: 'N in "attended at least N of M sessions"' }) requiredSessions!: number;
  @ApiProperty({ enum: ['scheduled', 'completed'], example: 'completed', description: 'completed once the last session closed' }) status!:
    'scheduled' | 'completed';
  @ApiProperty({ example: 28, nullable: true, type: Number, description: 'People who attended or missed at least one session; null until completed' })
  participants!: number | null;
  @ApiProperty({ example: 21, nullable: true, type: Number, description: 'Those who attended at least N sessions; null until completed' })
  completed!: number | null;
  @ApiProperty({ example: 0.75, nullable: true, type: Number, description: 'completed / participants, 4 decimals' }) completionRate!: number | null;
  @ApiProperty({ example: 294.5, nullable: true, type: Number, description: 'Session and completion credit hours earned by all participants' })
  creditHours!: number | null;
}

export class SeriesReport {
  @ApiProperty({ type: [SeriesItem] }) items!: SeriesItem[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PROGRAM_KINDS, type ProgramKind, SCHOOL_SECTORS, type SchoolSector } from '@crosswalk/contracts';
import { CityReportQuery } from '../../reporting/report';
import type { OriginSector } from '../fellowship.rules';

const CITY_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f';
const PROGRAM_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e81';
const COHORT_ID = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e82';
const CITY_NAME = {
  example: 'Denver',
  nullable: true,
  type: String,
  description: 'From the directory; null if the metrics have not heard of the city',
} as const;
const ORIGIN_SECTORS = [...SCHOOL_SECTORS, 'none'];

export const FELLOWSHIP_GROUPINGS = ['program', 'cohort', 'sector'] as const;
export type FellowshipGrouping = (typeof FELLOWSHIP_GROUPINGS)[number];
export const FLOW_GROUPINGS = ['program', 'cohort'] as const;
export type FlowGrouping = (typeof FLOW_GROUPINGS)[number];

class FellowshipFilters extends CityReportQuery {
  @ApiPropertyOptional({ example: PROGRAM_ID, description: 'Only this program (404 when unknown or serving none of your cities)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  programId?: string;

  @ApiPropertyOptional({ example: COHORT_ID, description: 'Only this cohort (404 when unknown or its program serves none of your cities); rows carry it' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cohortId?: string;
}

export class FellowshipQuery extends FellowshipFilters {
  @ApiPropertyOptional({
    enum: FELLOWSHIP_GROUPINGS,
    description: "One row per program and city (default), per cohort and city, or per program, city and the fellows' origin sector (cohorts together)",
  })
  @IsOptional()
  @IsIn(FELLOWSHIP_GROUPINGS)
  by?: FellowshipGrouping;
}

export class FlowQuery extends FellowshipFilters {
  @ApiPropertyOptional({ enum: FLOW_GROUPINGS, description: 'Flows per program and city (default), or per cohort and city' })
  @IsOptional()
  @IsIn(FLOW_GROUPINGS)
  by?: FlowGrouping;
}

export class FellowshipItem {
  @ApiProperty({ example: PROGRAM_ID }) programId!: string;
  @ApiProperty({ example: 'Principal residency', nullable: true, type: String, description: 'From the program created; null if not heard of' })
  programName!: string | null;
  @ApiProperty({ enum: PROGRAM_KINDS, example: 'principal_residency' }) programKind!: ProgramKind;
  @ApiPropertyOptional({ example: COHORT_ID, description: 'Per cohort, or with a cohortId filter' }) cohortId?: string;
  @ApiPropertyOptional({ example: '2026-27', nullable: true, type: String, description: 'With cohortId: from the cohort scheduled' }) cohortName?:
    string | null;
  @ApiPropertyOptional({
    enum: ORIGIN_SECTORS,
    example: 'charter',
    description: "Per sector: the fellows' origin school sector when they applied; none without a school",
  })
  originSector?: OriginSector;
  @ApiProperty({ example: CITY_ID, description: "One of the program's cities: a program's fellows count in each city it serves" }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ example: 9, description: 'Fellows recorded (every application)' }) applied!: number;
  @ApiProperty({ example: 6, description: 'Fellows who ever reached enrolled (one who later withdrew still counts)' }) enrolled!: number;
  @ApiProperty({ example: 1, description: 'Fellows whose final stage is withdrawn' }) withdrawn!: number;
  @ApiProperty({ example: 1, description: 'Fellows whose final stage is not_completed' }) notCompleted!: number;
  @ApiProperty({ example: 4, description: 'Fellows who reached completed' }) completed!: number;
  @ApiProperty({ example: 0.6667, nullable: true, type: Number, description: 'completed / enrolled, 4 decimals; null when none enrolled' })
  completionRate!: number | null;
  @ApiProperty({ example: 3, description: 'Fellows with at least one placement recorded' }) placed!: number;
  @ApiProperty({ example: 3, description: 'Fellows with at least one placement confirmed from the directory' }) placedConfirmed!: number;
  @ApiProperty({ example: 0.75, nullable: true, type: Number, description: 'placed / completed, 4 decimals; null when none completed' })
  placementRate!: number | null;
  @ApiProperty({ example: 3, description: 'Placements recorded (a fellow may have several): what each retention year adds up to' }) placements!: number;
  @ApiProperty({ example: 3, description: 'Of those, placements confirmed' }) confirmedPlacements!: number;
  @ApiProperty({ example: 2, description: 'Placements whose 1-year checkpoint (latest revision) is retained' }) retained1y!: number;
  @ApiProperty({ example: 1, description: 'Placements whose 1-year checkpoint is left' }) left1y!: number;
  @ApiProperty({ example: 0, description: 'placements - retained1y - left1y: checkpoint unknown, or not reached yet' }) unknown1y!: number;
  @ApiProperty({ example: 0 }) retained2y!: number;
  @ApiProperty({ example: 0 }) left2y!: number;
  @ApiProperty({ example: 3 }) unknown2y!: number;
  @ApiProperty({ example: 0 }) retained3y!: number;
  @ApiProperty({ example: 0 }) left3y!: number;
  @ApiProperty({ example: 3 }) unknown3y!: number;
  @ApiProperty({ example: 1, description: "Mentors who left the host school while the fellow's cohort was active" }) mentorDepartures!: number;
}

export class FellowshipReport {
  @ApiProperty({ type: [FellowshipItem] }) items!: FellowshipItem[];
}

export class FlowItem {
  @ApiProperty({ example: PROGRAM_ID }) programId!: string;
  @ApiProperty({ example: 'Principal residency', nullable: true, type: String }) programName!: string | null;
  @ApiPropertyOptional({ example: COHORT_ID, description: 'Per cohort, or with a cohortId filter' }) cohortId?: string;
  @ApiPropertyOptional({ example: '2026-27', nullable: true, type: String }) cohortName?: string | null;
  @ApiProperty({ example: CITY_ID }) cityId!: string;
  @ApiProperty(CITY_NAME) cityName!: string | null;
  @ApiProperty({ enum: ORIGIN_SECTORS, example: 'charter', description: "The fellow's origin school sector when they applied; none without a school" })
  originSector!: OriginSector;
  @ApiProperty({ enum: SCHOOL_SECTORS, example: 'district', description: "The placement school's sector" }) placementSector!: SchoolSector;
  @ApiProperty({ example: 3, description: 'Placements recorded' }) placements!: number;
  @ApiProperty({ example: 3, description: 'Of those, confirmed from the directory' }) confirmedPlacements!: number;
}

export class FlowReport {
  @ApiProperty({ type: [FlowItem] }) items!: FlowItem[];
}

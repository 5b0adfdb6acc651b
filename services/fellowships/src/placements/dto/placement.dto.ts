import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  IsCalendarDate,
  PLACEMENT_END_CAUSES,
  type PlacementEndCause,
  RETENTION_OUTCOMES,
  RETENTION_YEARS,
  type RetentionOutcome,
  type RetentionYear,
  SCHOOL_SECTORS,
  type SchoolSector,
} from '@crosswalk/contracts';

export class RecordPlacementRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000031', description: 'A school the directory knows, open on startsOn, in a city the program serves' })
  @IsString()
  @IsNotEmpty()
  schoolId!: string;
  @ApiProperty({ example: 'principal', description: 'The role as the directory names it: the tenure is matched on it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  role!: string;
  @ApiProperty({ example: '2027-07-01', description: 'Not before the fellow enrolled (residencies) or completed (other programs); past days are normal' })
  @IsCalendarDate()
  startsOn!: string;
}

export class RetentionView {
  @ApiProperty({ enum: RETENTION_OUTCOMES, example: 'retained' }) year1!: RetentionOutcome;
  @ApiProperty({ enum: RETENTION_OUTCOMES, example: 'left' }) year2!: RetentionOutcome;
  @ApiProperty({ enum: RETENTION_OUTCOMES, example: 'unknown' }) year3!: RetentionOutcome;
}

export class PlacementView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) id!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000031' }) schoolId!: string;
  @ApiProperty({ enum: SCHOOL_SECTORS, example: 'district', description: "The school's sector on the day the placement was recorded" }) sector!: SchoolSector;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000d1' }) cityId!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2027-07-01' }) startsOn!: string;
  @ApiProperty({ example: true, description: 'The directory has the matching tenure (that person, that school, that role)' }) confirmed!: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '01935a7e-0000-7000-8000-0000000000c1',
    description: 'The transition that started the matching tenure',
  })
  transitionId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2027-07-01' }) tenureStartedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2029-02-28', description: "The placement's last day" }) endedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: PLACEMENT_END_CAUSES, example: 'left_role' }) endCause!: PlacementEndCause | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000c2' }) endTransitionId!: string | null;
  @ApiProperty({ type: RetentionView, description: '`unknown` before the checkpoint day, or when the directory has no tenure for the placement' })
  retention!: RetentionView;
}

export class RetentionCheckpointsRequest {
  @ApiPropertyOptional({ example: '2028-07-01', description: 'The day to record the checkpoints reached by (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class RecordedCheckpointView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) placementId!: string;
  @ApiProperty({ enum: RETENTION_YEARS, example: 1 }) year!: RetentionYear;
  @ApiProperty({ example: '2028-07-01' }) checkpointOn!: string;
  @ApiProperty({ enum: RETENTION_OUTCOMES, example: 'retained' }) outcome!: RetentionOutcome;
}

export class RetentionCheckpointsResponse {
  @ApiProperty({ example: '2028-07-01' }) asOf!: string;
  @ApiProperty({
    type: [RecordedCheckpointView],
    example: [{ placementId: '01935a7e-0000-7000-8000-0000000000e1', year: 1, checkpointOn: '2028-07-01', outcome: 'retained' }],
    description: 'The checkpoints this run recorded (revision 1 each)',
  })
  recorded!: RecordedCheckpointView[];
}

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
  @ApiProperty({ enum: RETENTION_OUTCOMES }) year1!: RetentionOutcome;
  @ApiProperty({ enum: RETENTION_OUTCOMES }) year2!: RetentionOutcome;
  @ApiProperty({ enum: RETENTION_OUTCOMES }) year3!: RetentionOutcome;
}

export class PlacementView {
  @ApiProperty() id!: string;
  @ApiProperty() schoolId!: string;
  @ApiProperty({ enum: SCHOOL_SECTORS, description: "The school's sector on the day the placement was recorded" }) sector!: SchoolSector;
  @ApiProperty() cityId!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2027-07-01' }) startsOn!: string;
  @ApiProperty({ description: 'The directory has the matching tenure (that person, that school, that role)' }) confirmed!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The transition that started the matching tenure' }) transitionId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) tenureStartedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The placement's last day" }) endedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: PLACEMENT_END_CAUSES }) endCause!: PlacementEndCause | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endTransitionId!: string | null;
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
  @ApiProperty() placementId!: string;
  @ApiProperty({ enum: RETENTION_YEARS }) year!: RetentionYear;
  @ApiProperty() checkpointOn!: string;
  @ApiProperty({ enum: RETENTION_OUTCOMES }) outcome!: RetentionOutcome;
}

export class RetentionCheckpointsResponse {
  @ApiProperty({ example: '2028-07-01' }) asOf!: string;
  @ApiProperty({ type: [RecordedCheckpointView], description: 'The checkpoints this run recorded (revision 1 each)' }) recorded!: RecordedCheckpointView[];
}

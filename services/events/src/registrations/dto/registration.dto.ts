import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { REGISTRATION_STATUSES, type RegistrationStatus, SCHOOL_SECTORS, type SchoolSector } from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

export class RegisterRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsString() @IsNotEmpty() personId!: string;
  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'An operator recording someone at an event that has started: the registration window does not apply then (network admins and city operators only). Without it the registration is a self-registration, held to the window.',
  })
  @IsOptional()
  @IsBoolean()
  backfill?: boolean;
}

export class RegistrationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES }) @IsOptional() @IsIn(REGISTRATION_STATUSES) status?: RegistrationStatus;
}

export class OfferExpiryRequest {
  @ApiPropertyOptional({ example: '2026-09-03T12:00:00.000Z', description: 'The instant to expire offers as of (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class OfferExpiryResponse {
  @ApiProperty({ example: '2026-09-03T12:00:00.000Z' }) asOf!: string;
  @ApiProperty({ type: [String], description: 'Registrations whose offer expired in this run' }) expired!: string[];
  @ApiProperty({ type: [String], description: 'Registrations offered the seats those offers freed' }) offered!: string[];
}

export class SnapshotView {
  @ApiProperty({ nullable: true, type: String }) schoolId!: string | null;
  @ApiProperty({ enum: SCHOOL_SECTORS, nullable: true }) sector!: SchoolSector | null;
  @ApiProperty({ nullable: true, type: String }) cityId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'principal' }) role!: string | null;
}

export class RegistrationChangeView {
  @ApiProperty({ enum: REGISTRATION_STATUSES, nullable: true }) from!: RegistrationStatus | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) to!: RegistrationStatus;
  @ApiProperty({ example: 'offered' }) cause!: string;
  @ApiProperty({ nullable: true, type: String, description: "An attendance correction's reason" }) reason!: string | null;
  @ApiProperty({ example: '2026-08-20T10:00:00.000Z' }) at!: string;
}

export class RegistrationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set when made by registering for the series' }) seriesId!: string | null;
  @ApiProperty() cityId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ type: SnapshotView }) snapshot!: SnapshotView;
  @ApiProperty({ example: '2026-08-20T10:00:00.000Z' }) registeredAt!: string;
  @ApiProperty({ nullable: true, type: String }) offeredAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The offer is good strictly before this instant' }) offerExpiresAt!: string | null;
  @ApiProperty({ type: [RegistrationChangeView] }) history!: RegistrationChangeView[];
}

export class RegistrationPage {
  @ApiProperty({ type: [RegistrationResponse] }) items!: RegistrationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

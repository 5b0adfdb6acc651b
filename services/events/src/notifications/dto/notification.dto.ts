import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '@crosswalk/platform';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationKind, type NotificationStatus, SKIP_REASONS } from '../notification.rules';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsOptional() @IsString() @IsNotEmpty() personId?: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000e1' }) @IsOptional() @IsString() @IsNotEmpty() eventId?: string;
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000c1', description: "The event's city" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cityId?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, example: 'failed' }) @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, example: 'seat_offered' }) @IsOptional() @IsIn(NOTIFICATION_KINDS) kind?: NotificationKind;
}

export class NotificationView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000f1' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'seat_offered' }) kind!: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, example: 'sent' }) status!: NotificationStatus;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) personId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) eventId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000b1' }) registrationId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1' }) cityId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'ana.ruiz@lincoln.example.org', description: 'Null when the directory had no address' })
  to!: string | null;
  @ApiProperty({ example: 'A seat is yours if you want it: Reading across the curriculum' }) subject!: string;
  @ApiProperty({ example: 'Hello Ana Ruiz,\n\nA seat freed and it is offered to you: ...', description: 'The plain-text email, links included' })
  body!: string;
  @ApiProperty({ example: 1, description: 'Sends tried so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: "Can't send mail - all recipients were rejected: 451 Try again later" }) lastError!: string | null;
  @ApiProperty({ nullable: true, enum: SKIP_REASONS, example: null, description: 'Why it is not sent (status skipped)' }) skipReason!: string | null;
  @ApiProperty({ example: '2026-09-01T10:00:00.000Z', description: 'When the event it tells of happened' }) occurredAt!: string;
  @ApiProperty({ example: '2026-09-01T10:00:00.120Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'When it is next tried; null once nothing more will be tried' })
  nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-09-01T10:00:04.512Z' }) sentAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: string | null;
}

export class DeliveryRequest {
  @ApiPropertyOptional({ example: '2026-09-03T12:00:00.000Z', description: 'Send what is due as of this instant (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class DeliveryResponse {
  @ApiProperty({ example: '2026-09-03T12:00:00.000Z' }) asOf!: string;
  @ApiProperty({ type: [String], description: 'Notifications the mail server took in this run' }) sent!: string[];
  @ApiProperty({ type: [String], description: 'Notifications whose send failed in this run (see lastError and nextAttemptAt)' }) failed!: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { HOLDER_KINDS, type HolderKind, IsCalendarDate } from '@crosswalk/contracts';
import type { LeadershipTransition } from '../leadership-transition.entity';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const ROLE = /^[a-z][a-z_]{1,59}$/;
const ROLE_MESSAGE = 'role must be a lower-case role name such as principal, chief or assistant_principal';

export class TransitionRequest {
  @ApiProperty({ example: 'principal', description: '`principal` at schools and `chief` at organizations have one holder; other roles may have several' })
  @IsString()
  @Matches(ROLE, { message: ROLE_MESSAGE })
  role!: string;

  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f71', nullable: true, type: String, description: 'null leaves the role vacant' })
  @ValidateIf((request: TransitionRequest) => request.incomingPersonId !== null)
  @IsString()
  @IsNotEmpty()
  incomingPersonId!: string | null;

  @ApiPropertyOptional({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70', description: 'Roles with several holders only: the person whose tenure ends' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  outgoingPersonId?: string;

  @ApiProperty({ example: '2026-07-01', description: 'The incoming tenure starts this day; the outgoing one ended the day before' })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiPropertyOptional({ example: 'Retirement' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CorrectionRequest {
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f71', nullable: true, type: String })
  @ValidateIf((request: CorrectionRequest) => request.incomingPersonId !== null)
  @IsString()
  @IsNotEmpty()
  incomingPersonId!: string | null;

  @ApiProperty({ example: '2026-08-01' })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiProperty({ example: 'The board vote moved the start to August' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class RoleQuery {
  @ApiPropertyOptional({ example: 'principal' })
  @IsOptional()
  @Matches(ROLE, { message: ROLE_MESSAGE })
  role?: string;
}

export class RoleHoldersQuery {
  @ApiProperty({ example: 'principal' })
  @Matches(ROLE, { message: ROLE_MESSAGE })
  role!: string;

  @ApiPropertyOptional({ example: '2026-11-23', description: 'Default: today (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class TransitionResponse {
  @ApiProperty({ example: '01935a7e-8f50-7b72-9d44-5e6f708192a3' }) id!: string;
  @ApiProperty({ enum: HOLDER_KINDS, example: 'school' }) holderKind!: HolderKind;
  @ApiProperty({ example: '01935a7e-6d3e-7f50-9b22-3c4d5e6f7081' }) holderId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) cityId!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70', description: 'null when the role was vacant' })
  outgoingPersonId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f71', description: 'null when the role is left vacant' })
  incomingPersonId!: string | null;
  @ApiProperty({ example: '2026-07-01' }) effectiveDate!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Retirement' }) reason!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '01935a7e-7e4f-7a61-8c33-4d5e6f708192',
    description: 'The tenure that ended the day before effectiveDate',
  })
  endedTenureId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-7e4f-7a61-8c33-4d5e6f708193', description: 'The tenure that starts on effectiveDate' })
  startedTenureId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Set on a correction: the transition it replaces' }) supersedesTransitionId!:
    string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Set once a correction replaced this transition' }) supersededByTransitionId!:
    string | null;
  @ApiProperty({ example: 'operator-7' }) recordedBy!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) recordedAt!: string;

  static of(t: LeadershipTransition): TransitionResponse {
    return {
      id: t.id,
      holderKind: t.holderKind,
      holderId: t.holderId,
      cityId: t.cityId,
      role: t.role,
      outgoingPersonId: t.outgoingPersonId,
      incomingPersonId: t.incomingPersonId,
      effectiveDate: t.effectiveDate,
      reason: t.reason,
      endedTenureId: t.endedTenureId,
      startedTenureId: t.startedTenureId,
      supersedesTransitionId: t.supersedesTransitionId,
      supersededByTransitionId: t.supersededByTransitionId,
      recordedBy: t.recordedBy,
      recordedAt: new Date(t.recordedAt).toISOString(),
    };
  }
}

export class TenureResponse {
  @ApiProperty({ example: '01935a7e-7e4f-7a61-8c33-4d5e6f708193' }) id!: string;
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70' }) personId!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2024-07-01' }) startDate!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) endDate!: string | null;
  @ApiProperty({ example: false, description: 'Replaced by a correction: kept for the record, no longer counts' }) superseded!: boolean;
}

export class LeadershipHistoryResponse {
  @ApiProperty({ enum: HOLDER_KINDS, example: 'school' }) holderKind!: HolderKind;
  @ApiProperty({ example: '01935a7e-6d3e-7f50-9b22-3c4d5e6f7081' }) holderId!: string;
  @ApiProperty({ type: [TenureResponse] }) tenures!: TenureResponse[];
  @ApiProperty({ type: [TransitionResponse] }) transitions!: TransitionResponse[];
}

export class RoleHolderResponse {
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70' }) personId!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty({ example: '01935a7e-7e4f-7a61-8c33-4d5e6f708193' }) tenureId!: string;
  @ApiProperty({ example: '2024-07-01' }) startDate!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) endDate!: string | null;
}

export class RoleHoldersResponse {
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2026-11-23' }) on!: string;
  @ApiProperty({ type: [RoleHolderResponse] }) holders!: RoleHolderResponse[];
}

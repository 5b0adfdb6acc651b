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

  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f', nullable: true, type: String, description: 'null leaves the role vacant' })
  @ValidateIf((request: TransitionRequest) => request.incomingPersonId !== null)
  @IsString()
  @IsNotEmpty()
  incomingPersonId!: string | null;

  @ApiPropertyOptional({ description: 'Roles with several holders only: the person whose tenure ends' })
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
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f', nullable: true, type: String })
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
  @ApiProperty() id!: string;
  @ApiProperty({ enum: HOLDER_KINDS }) holderKind!: HolderKind;
  @ApiProperty() holderId!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ nullable: true, type: String }) outgoingPersonId!: string | null;
  @ApiProperty({ nullable: true, type: String }) incomingPersonId!: string | null;
  @ApiProperty({ example: '2026-07-01' }) effectiveDate!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedTenureId!: string | null;
  @ApiProperty({ nullable: true, type: String }) startedTenureId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedesTransitionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededByTransitionId!: string | null;
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
  @ApiProperty() id!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2024-07-01' }) startDate!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) endDate!: string | null;
  @ApiProperty({ description: 'Replaced by a correction: kept for the record, no longer counts' }) superseded!: boolean;
}

export class LeadershipHistoryResponse {
  @ApiProperty({ enum: HOLDER_KINDS }) holderKind!: HolderKind;
  @ApiProperty() holderId!: string;
  @ApiProperty({ type: [TenureResponse] }) tenures!: TenureResponse[];
  @ApiProperty({ type: [TransitionResponse] }) transitions!: TransitionResponse[];
}

export class RoleHolderResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty() tenureId!: string;
  @ApiProperty({ example: '2024-07-01' }) startDate!: string;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
}

export class RoleHoldersResponse {
  @ApiProperty({ example: 'principal' }) role!: string;
  @ApiProperty({ example: '2026-11-23' }) on!: string;
  @ApiProperty({ type: [RoleHolderResponse] }) holders!: RoleHolderResponse[];
}

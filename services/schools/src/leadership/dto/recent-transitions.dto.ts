import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { HOLDER_KINDS, type HolderKind, IsCalendarDate } from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';
import { TransitionResponse } from './leadership.dto';

/** `GET /v1/leadership-transitions`: the transitions across a city (or the caller's cities) in a period. */
export class RecentTransitionsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsOptional() @IsString() @IsNotEmpty() cityId?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First effective date (inclusive)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last effective date (inclusive)' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: HOLDER_KINDS, example: 'school' }) @IsOptional() @IsIn(HOLDER_KINDS) holderKind?: HolderKind;
  @ApiPropertyOptional({ example: 'principal' }) @IsOptional() @IsString() @IsNotEmpty() role?: string;
}

/** A transition with the names an operator reads: the school or organization and both people. */
export class RecentTransitionResponse extends TransitionResponse {
  @ApiProperty({ example: 'Bruce Randolph School' }) holderName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Maria Lopez' }) outgoingPersonName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'James Chen' }) incomingPersonName!: string | null;
}

export class RecentTransitionPage {
  @ApiProperty({ type: [RecentTransitionResponse] }) items!: RecentTransitionResponse[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PROGRAM_KINDS, PROGRAM_STATUSES, type ProgramKind, type ProgramStatus } from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

export class RequirementRequest {
  @ApiProperty({ example: 'Three years of classroom teaching' }) @IsString() @IsNotEmpty() @MaxLength(500) text!: string;
  @ApiProperty({ example: true, description: 'A non-negotiable when true, optional otherwise' }) @IsBoolean() required!: boolean;
}

export class CreateProgramRequest {
  @ApiProperty({ example: 'Denver principal residency' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: PROGRAM_KINDS, example: 'principal_residency' }) @IsIn(PROGRAM_KINDS) kind!: ProgramKind;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1', description: 'The CMO, district or intermediary that runs it' })
  @IsString()
  @IsNotEmpty()
  operatorOrganizationId!: string;

  @ApiProperty({ type: [String], minItems: 1, example: ['01935a7e-0000-7000-8000-0000000000d1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'cityIds must not repeat a city' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  cityIds!: string[];

  @ApiProperty({ type: [RequirementRequest], example: [{ text: 'Three years of classroom teaching', required: true }] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RequirementRequest)
  requirements!: RequirementRequest[];
}

export class DiscontinueProgramRequest {
  @ApiPropertyOptional({ example: 'Funding ended' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({ example: '2026-12-02', description: 'The day it takes effect (default today); past days record history' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class ProgramQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000d1' }) @IsOptional() @IsString() cityId?: string;
  @ApiPropertyOptional({ enum: PROGRAM_KINDS, example: 'principal_residency' }) @IsOptional() @IsIn(PROGRAM_KINDS) kind?: ProgramKind;
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES, example: 'active' }) @IsOptional() @IsIn(PROGRAM_STATUSES) status?: ProgramStatus;
}

export class RequirementView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) id!: string;
  @ApiProperty({ example: 'Three years of classroom teaching' }) text!: string;
  @ApiProperty({ example: true }) required!: boolean;
}

export class ProgramResponse {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000f1' }) id!: string;
  @ApiProperty({ example: 'Denver principal residency' }) name!: string;
  @ApiProperty({ enum: PROGRAM_KINDS, example: 'principal_residency' }) kind!: ProgramKind;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1' }) operatorOrganizationId!: string;
  @ApiProperty({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000d1'] }) cityIds!: string[];
  @ApiProperty({ type: [RequirementView] }) requirements!: RequirementView[];
  @ApiProperty({ enum: PROGRAM_STATUSES, example: 'active' }) status!: ProgramStatus;
  @ApiProperty({ nullable: true, type: String, example: null }) discontinuedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) discontinueReason!: string | null;
  @ApiProperty({ example: '2026-12-02T15:00:00.000Z' }) createdAt!: string;
}

export class ProgramPage {
  @ApiProperty({ type: [ProgramResponse] }) items!: ProgramResponse[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ATTENDANCE_OUTCOMES, type AttendanceOutcome } from '@crosswalk/contracts';
import { RegistrationResponse } from '../../registrations/dto/registration.dto';

/** A whole roster fits in one call; the cap keeps one transaction (and its lock on the event) short. */
export const MAX_ROSTER = 1000;

export class CheckInRequest {
  @ApiProperty({ type: [String], example: ['01935a7e-0000-7000-8000-0000000000a1'], maxItems: MAX_ROSTER })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ROSTER)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  personIds!: string[];
}

export class CheckInResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: [RegistrationResponse], description: 'The registrations checked in, now attended, in the order given' })
  items!: RegistrationResponse[];
}

export class AttendanceCorrectionRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsString() @IsNotEmpty() personId!: string;
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES }) @IsIn(ATTENDANCE_OUTCOMES) outcome!: AttendanceOutcome;
  @ApiProperty({ example: 'Signed the paper sheet; missed at the door', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

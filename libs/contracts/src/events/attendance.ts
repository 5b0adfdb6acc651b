// Who actually came. Attendance records extend the registration fact so reach (participants, schools,
// school leaders) counts from them alone; corrections restate the outcome rather than patch a count.
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../registry';
import { ATTENDANCE_OUTCOMES, type AttendanceOutcome, IsUtcInstant, PROGRAMS_TOPIC } from './common';
import { RegistrationFactV1 } from './registrations';

const HOURS = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 } as const;

export class AttendanceRecordedV1 extends RegistrationFactV1 {
  @IsIn(ATTENDANCE_OUTCOMES) outcome!: AttendanceOutcome;
  /** When the person checked in; null for a no-show. */
  @IsOptional() @IsUtcInstant() checkedInAt!: string | null;
  /** Credit earned: the event's credit hours when attended, 0 for a no-show. */
  @IsNumber(HOURS) @Min(0) @Max(100) creditHours!: number;
}

export const AttendanceRecorded = defineEvent({
  type: 'events.attendance.recorded',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: AttendanceRecordedV1,
  description:
    'A registered person checked in (outcome attended), or the session closed without their check-in (outcome no_show). At most one per registration; later changes are events.attendance.corrected. Key: event id.',
});

export class AttendanceCorrectedV1 extends RegistrationFactV1 {
  @IsIn(ATTENDANCE_OUTCOMES) previousOutcome!: AttendanceOutcome;
  @IsIn(ATTENDANCE_OUTCOMES) outcome!: AttendanceOutcome;
  @IsOptional() @IsUtcInstant() checkedInAt!: string | null;
  @IsNumber(HOURS) @Min(0) @Max(100) creditHours!: number;
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
}

export const AttendanceCorrected = defineEvent({
  type: 'events.attendance.corrected',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: AttendanceCorrectedV1,
  description: "An operator corrected a registration's attendance (attended <-> no_show); the new outcome and credit replace the previous ones. Key: event id.",
});

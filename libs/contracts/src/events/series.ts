// A multi-session series: its own aggregate (key: series id), because its completion is decided across
// the sessions, each of which is an event with its own key.
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../registry';
import { IsUtcInstant, PROGRAMS_TOPIC } from './common';

const HOURS = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 } as const;

export class SeriesScheduledV1 {
  @IsString() @IsNotEmpty() seriesId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  /** The sessions in order (M = their number); each is an event scheduled under its own key. */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) sessionEventIds!: string[];
  /** N in "attended at least N of M sessions". */
  @IsInt() @Min(1) requiredSessions!: number;
  /** Credit hours awarded on completing the series, on top of each attended session's own credit. */
  @IsNumber(HOURS) @Min(0) @Max(500) completionCreditHours!: number;
}

export const SeriesScheduled = defineEvent({
  type: 'events.series.scheduled',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: SeriesScheduledV1,
  description:
    'A multi-session series was scheduled with its sessions (each an events.event.scheduled under its own event id) and its completion rule "attended at least N of M sessions". Key: series id.',
});

export class SeriesParticipantOutcomeV1 {
  @IsString() @IsNotEmpty() personId!: string;
  @IsInt() @Min(0) sessionsAttended!: number;
  @IsBoolean() completed!: boolean;
  /** Credit from the sessions this person attended. */
  @IsNumber(HOURS) @Min(0) sessionCreditHours!: number;
  /** The series' completion credit when `completed`, else 0. */
  @IsNumber(HOURS) @Min(0) completionCreditHours!: number;
}

export class SeriesCompletedV1 {
  @IsString() @IsNotEmpty() seriesId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  /** When the last session closed. */
  @IsUtcInstant() completedAt!: string;
  /** M: sessions scheduled. */
  @IsInt() @Min(1) sessionsPlanned!: number;
  /** Sessions held (not cancelled). */
  @IsInt() @Min(0) sessionsHeld!: number;
  /** N as scheduled. */
  @IsInt() @Min(1) requiredSessions!: number;
  /** N as applied: never more than the sessions actually held, so cancellations cannot make completion impossible. */
  @IsInt() @Min(0) requiredSessionsApplied!: number;
  @IsNumber(HOURS) @Min(0) @Max(500) completionCreditHours!: number;
  /** Everyone with a registration that reached attendance (attended or no-show) in at least one session. */
  @IsArray() @ValidateNested({ each: true }) @Type(() => SeriesParticipantOutcomeV1) participants!: SeriesParticipantOutcomeV1[];
}

export const SeriesCompleted = defineEvent({
  type: 'events.series.completed',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: SeriesCompletedV1,
  description:
    'The last session of a series closed and completion was decided: per participant, sessions attended, whether they completed ("attended at least N of M") and the credit hours earned. Key: series id.',
});

// Satisfaction after an event. The free-text answer stays in the events service: it may name people, and
// personal data will travel on a restricted topic, not on the one every analytics consumer reads.
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { defineEvent } from '../registry';
import { IMPLEMENTATION_INTENTS, type ImplementationIntent, IsUtcInstant, PROGRAMS_TOPIC } from './common';
import { RegistrationFactV1 } from './registrations';

export class SurveySubmittedV1 extends RegistrationFactV1 {
  /** Stable across edits: one response per attendee per event. */
  @IsString() @IsNotEmpty() responseId!: string;
  /** 1 for the first submission, then +1 per edit; the highest revision is the response. */
  @IsInt() @Min(1) revision!: number;
  /** How useful the event was, 1 (not at all) to 5 (very). */
  @IsInt() @Min(1) @Max(5) usefulness!: number;
  /** Likelihood to recommend, 0 to 10 (NPS: promoters 9-10, detractors 0-6). */
  @IsInt() @Min(0) @Max(10) recommend!: number;
  /** Whether they intend to implement what they learned. */
  @IsIn(IMPLEMENTATION_INTENTS) intent!: ImplementationIntent;
  @IsBoolean() hasComment!: boolean;
  @IsUtcInstant() submittedAt!: string;
}

export const SurveySubmitted = defineEvent({
  type: 'events.survey.submitted',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: SurveySubmittedV1,
  description:
    'An attendee submitted or edited their survey for an event (usefulness 1-5, recommend 0-10, intent yes/no/unsure). An edit is a new record with the same responseId and a higher revision that replaces the earlier one. Key: event id.',
});

import { ApiProperty } from '@nestjs/swagger';
import { EVENT_KINDS, type EventKind } from '@crosswalk/contracts';

export class TranscriptEventView {
  @ApiProperty() eventId!: string;
  @ApiProperty() registrationId!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: EventKind;
  @ApiProperty({ example: 'Session 1: the reading block' }) title!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ nullable: true, type: String }) seriesId!: string | null;
  @ApiProperty({ example: '2026-09-12T15:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-09-12', description: 'The local day of the start' }) startsOn!: string;
  @ApiProperty({ example: 3, description: "The event's credit hours, earned by attending" }) creditHours!: number;
}

export class TranscriptCompletionView {
  @ApiProperty() seriesId!: string;
  @ApiProperty({ example: 'Leading literacy, three Saturdays' }) title!: string;
  @ApiProperty() cityId!: string;
  @ApiProperty({ example: '2026-10-03T19:05:00.000Z' }) decidedAt!: string;
  @ApiProperty({ example: 3 }) sessionsAttended!: number;
  @ApiProperty({ example: 2, description: 'N of the rule "attended at least N of M"' }) requiredSessions!: number;
  @ApiProperty({ example: 6 }) completionCreditHours!: number;
}

export class CreditTotalsView {
  @ApiProperty({ example: 3 }) eventsAttended!: number;
  @ApiProperty({ example: 1 }) seriesCompleted!: number;
  @ApiProperty({ example: 9, description: 'From attended events and sessions' }) sessionCreditHours!: number;
  @ApiProperty({ example: 6, description: 'From completed series' }) completionCreditHours!: number;
  @ApiProperty({ example: 15 }) creditHours!: number;
}

export class TranscriptResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ example: 'Ana Ruiz' }) fullName!: string;
  @ApiProperty({ type: [TranscriptEventView], description: 'Attended events and sessions, oldest first' }) attended!: TranscriptEventView[];
  @ApiProperty({ type: [TranscriptCompletionView], description: 'Series completed, oldest decision first' }) completions!: TranscriptCompletionView[];
  @ApiProperty({ type: CreditTotalsView, description: "Over the entries listed (the caller's cities only)" }) totals!: CreditTotalsView;
}

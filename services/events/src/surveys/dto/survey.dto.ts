import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IMPLEMENTATION_INTENTS, type ImplementationIntent } from '@crosswalk/contracts';

// Types only here: the scales, the intents and the comment's length are the rules' (surveyProblems), so the
// 400 for an out-of-range score words it the same wherever a survey comes from.
export class SubmitSurveyRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000a1' }) @IsString() @IsNotEmpty() personId!: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) @IsInt() usefulness!: number;
  @ApiProperty({ minimum: 0, maximum: 10, example: 9 }) @IsInt() recommend!: number;
  @ApiProperty({ enum: IMPLEMENTATION_INTENTS }) @IsString() intent!: ImplementationIntent;
  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String }) @IsOptional() @IsString() comment?: string | null;
}

export class SurveyRevisionView {
  @ApiProperty() revision!: number;
  @ApiProperty() usefulness!: number;
  @ApiProperty() recommend!: number;
  @ApiProperty({ enum: IMPLEMENTATION_INTENTS }) intent!: ImplementationIntent;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty() submittedAt!: string;
}

export class SurveyResponseView extends SurveyRevisionView {
  @ApiProperty({ description: 'The response id, stable across revisions' }) id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() registrationId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty() firstSubmittedAt!: string;
  @ApiProperty({ type: [SurveyRevisionView], description: 'Every revision, oldest first (the last is the answer)' }) history!: SurveyRevisionView[];
}

export class SurveyPage {
  @ApiProperty({ type: [SurveyResponseView] }) items!: SurveyResponseView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SatisfactionView {
  @ApiProperty({ description: 'Responses (each at its latest revision)' }) responses!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'responses / attended; null with nobody attended' }) responseRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean usefulness, 1-5' }) meanUsefulness!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '% promoters (9-10) minus % detractors (0-6)' }) nps!: number | null;
  @ApiProperty() promoters!: number;
  @ApiProperty() passives!: number;
  @ApiProperty() detractors!: number;
  @ApiProperty({ example: { yes: 3, no: 0, unsure: 1 } }) intent!: Record<ImplementationIntent, number>;
}

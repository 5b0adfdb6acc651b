// Survey answers and the two satisfaction figures the network reports: mean usefulness and NPS. Only
// attendees answer, once per event (an edit replaces the answer), so the figures count people, not clicks.
import { IMPLEMENTATION_INTENTS, type ImplementationIntent, type RegistrationStatus } from '@crosswalk/contracts';
import { type FieldProblem, type Refusal, problem, refusal } from '../problems';

export const USEFULNESS = { min: 1, max: 5 } as const;
export const RECOMMEND = { min: 0, max: 10 } as const;
export const MAX_COMMENT_LENGTH = 4000;

export interface SurveyAnswers {
  usefulness: number;
  recommend: number;
  intent: ImplementationIntent;
  comment: string | null;
}

const inScale = (value: number, scale: { min: number; max: number }) => Number.isInteger(value) && value >= scale.min && value <= scale.max;

export function surveyProblems(answers: SurveyAnswers): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!inScale(answers.usefulness, USEFULNESS)) {
    problems.push(problem('usefulness', 'out_of_scale', `Usefulness is a whole number from ${USEFULNESS.min} to ${USEFULNESS.max}`));
  }
  if (!inScale(answers.recommend, RECOMMEND)) {
    problems.push(problem('recommend', 'out_of_scale', `Likelihood to recommend is a whole number from ${RECOMMEND.min} to ${RECOMMEND.max}`));
  }
  if (!IMPLEMENTATION_INTENTS.includes(answers.intent)) {
    problems.push(problem('intent', 'invalid_intent', `Intent is one of ${IMPLEMENTATION_INTENTS.join(', ')}`));
  }
  if (answers.comment !== null && answers.comment.length > MAX_COMMENT_LENGTH) {
    problems.push(problem('comment', 'too_long', `A comment has at most ${MAX_COMMENT_LENGTH} characters`));
  }
  return problems;
}

/** Why this person cannot answer the event's survey (null when they can): only attendees answer. */
export function surveyRefusal(registrationStatus: RegistrationStatus | null): Refusal | null {
  if (registrationStatus === 'attended') return null;
  return refusal(
    'not_an_attendee',
    registrationStatus === null ? 'Only attendees answer the survey' : `Only attendees answer the survey; this registration is ${registrationStatus}`,
  );
}

/** 1 for a first answer, then one more per edit: the highest revision is the answer. */
export function nextRevision(currentRevision: number | null): number {
  return (currentRevision ?? 0) + 1;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export function npsCategory(recommend: number): NpsCategory {
  if (recommend >= 9) return 'promoter';
  if (recommend >= 7) return 'passive';
  return 'detractor';
}

/** % promoters (9-10) minus % detractors (0-6) of the responses, from -100 to 100; null with no responses. */
export function netPromoterScore(recommends: readonly number[]): number | null {
  if (recommends.length === 0) return null;
  const promoters = recommends.filter((r) => npsCategory(r) === 'promoter').length;
  const detractors = recommends.filter((r) => npsCategory(r) === 'detractor').length;
  return ((promoters - detractors) * 100) / recommends.length;
}

export function meanUsefulness(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface SurveyResponse {
  responseId: string;
  revision: number;
  usefulness: number;
  recommend: number;
  intent: ImplementationIntent;
}

/** Each response at its highest revision: an edit replaces the answer, it is not a second one. */
export function currentResponses<R extends SurveyResponse>(revisions: readonly R[]): R[] {
  const latest = new Map<string, R>();
  for (const r of revisions) {
    const seen = latest.get(r.responseId);
    if (!seen || r.revision > seen.revision) latest.set(r.responseId, r);
  }
  return [...latest.values()];
}

export interface SatisfactionSummary {
  responses: number;
  meanUsefulness: number | null;
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  intent: Record<ImplementationIntent, number>;
}

/** The satisfaction figures of a set of survey records (revisions included: only the current ones count). */
export function satisfaction(revisions: readonly SurveyResponse[]): SatisfactionSummary {
  const responses = currentResponses(revisions);
  const count = (category: NpsCategory) => responses.filter((r) => npsCategory(r.recommend) === category).length;
  const intent = Object.fromEntries(IMPLEMENTATION_INTENTS.map((i) => [i, responses.filter((r) => r.intent === i).length])) as Record<
    ImplementationIntent,
    number
  >;
  return {
    responses: responses.length,
    meanUsefulness: meanUsefulness(responses.map((r) => r.usefulness)),
    nps: netPromoterScore(responses.map((r) => r.recommend)),
    promoters: count('promoter'),
    passives: count('passive'),
    detractors: count('detractor'),
    intent,
  };
}

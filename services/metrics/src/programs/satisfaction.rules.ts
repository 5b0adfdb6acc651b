import { share } from '../reporting/share.rules';

/** Likelihood to recommend, 0 to 10: promoters answer 9 or 10, detractors 0 to 6 (7 and 8 are passive). */
export const PROMOTER_FROM = 9;
export const DETRACTOR_UP_TO = 6;

/** What one survey response adds to its event's satisfaction totals. */
export interface ResponseTally {
  responses: number;
  usefulnessTotal: number;
  promoters: number;
  detractors: number;
}

export function tallyOf(answer: { usefulness: number; recommend: number } | null): ResponseTally {
  if (answer === null) return { responses: 0, usefulnessTotal: 0, promoters: 0, detractors: 0 };
  return {
    responses: 1,
    usefulnessTotal: answer.usefulness,
    promoters: answer.recommend >= PROMOTER_FROM ? 1 : 0,
    detractors: answer.recommend <= DETRACTOR_UP_TO ? 1 : 0,
  };
}

/** What replacing a response's answer (null: there was none) with a revision changes in the totals. */
export function tallyChange(previous: { usefulness: number; recommend: number } | null, revision: { usefulness: number; recommend: number }): ResponseTally {
  const before = tallyOf(previous);
  const after = tallyOf(revision);
  return {
    responses: after.responses - before.responses,
    usefulnessTotal: after.usefulnessTotal - before.usefulnessTotal,
    promoters: after.promoters - before.promoters,
    detractors: after.detractors - before.detractors,
  };
}

export interface SatisfactionTotals extends ResponseTally {
  attendances: number;
}

export interface Satisfaction {
  attendances: number;
  responses: number;
  /** responses / attendances, four decimals; null with nobody attended. */
  responseRate: number | null;
  /** Mean usefulness (1-5), four decimals; null without responses. */
  meanUsefulness: number | null;
  /** % promoters − % detractors of the responses, -100 to 100 with two decimals; null without responses. */
  nps: number | null;
}

/** NPS from the counts: (promoters − detractors) / responses as a percentage, rounded like every share. */
export function netPromoterScore(promoters: number, detractors: number, responses: number): number | null {
  const net = share(promoters - detractors, responses);
  // A share has four decimals, so the percentage has two; rounding again drops the float noise of * 100.
  return net === null ? null : Math.round(net * 10_000) / 100;
}

export function satisfactionOf(totals: SatisfactionTotals): Satisfaction {
  return {
    attendances: totals.attendances,
    responses: totals.responses,
    responseRate: share(totals.responses, totals.attendances),
    meanUsefulness: share(totals.usefulnessTotal, totals.responses),
    nps: netPromoterScore(totals.promoters, totals.detractors, totals.responses),
  };
}

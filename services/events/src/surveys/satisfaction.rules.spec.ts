import {
  type SurveyAnswers,
  type SurveyResponse,
  currentResponses,
  meanUsefulness,
  netPromoterScore,
  nextRevision,
  npsCategory,
  satisfaction,
  surveyProblems,
  surveyRefusal,
} from './satisfaction.rules';

const answers: SurveyAnswers = { usefulness: 4, recommend: 8, intent: 'yes', comment: null };
const fields = (a: SurveyAnswers) => surveyProblems(a).map((p) => p.field);

describe('surveyProblems', () => {
  it('takes usefulness 1 to 5 and recommend 0 to 10, whole numbers, ends included', () => {
    for (const usefulness of [1, 5]) expect(surveyProblems({ ...answers, usefulness })).toEqual([]);
    for (const recommend of [0, 10]) expect(surveyProblems({ ...answers, recommend })).toEqual([]);
    for (const usefulness of [0, 6, 3.5, Number.NaN]) expect(fields({ ...answers, usefulness })).toEqual(['usefulness']);
    for (const recommend of [-1, 11, 7.5]) expect(fields({ ...answers, recommend })).toEqual(['recommend']);
  });

  it('takes intent yes, no or unsure', () => {
    for (const intent of ['yes', 'no', 'unsure'] as const) expect(surveyProblems({ ...answers, intent })).toEqual([]);
    expect(fields({ ...answers, intent: 'maybe' as SurveyAnswers['intent'] })).toEqual(['intent']);
  });

  it('limits the comment length', () => {
    expect(surveyProblems({ ...answers, comment: 'x'.repeat(4000) })).toEqual([]);
    expect(fields({ ...answers, comment: 'x'.repeat(4001) })).toEqual(['comment']);
  });
});

describe('who answers', () => {
  it('only attendees', () => {
    expect(surveyRefusal('attended')).toBeNull();
    for (const status of ['registered', 'no_show', 'waitlisted', 'cancelled'] as const) expect(surveyRefusal(status)?.code).toBe('not_an_attendee');
    expect(surveyRefusal(null)).toEqual({ code: 'not_an_attendee', message: 'Only attendees answer the survey' });
  });

  it('once, editing raises the revision', () => {
    expect(nextRevision(null)).toBe(1);
    expect(nextRevision(1)).toBe(2);
  });
});

describe('NPS', () => {
  it('sorts 9-10 as promoters, 7-8 as passives, 0-6 as detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('is % promoters minus % detractors of all responses, passives included in the count', () => {
    expect(netPromoterScore([10, 9, 8, 6])).toBe(25);
    expect(netPromoterScore([9, 7, 0])).toBe(0);
    expect(netPromoterScore([10, 10, 3])).toBeCloseTo(33.333, 3);
    expect(netPromoterScore([10])).toBe(100);
    expect(netPromoterScore([6, 0])).toBe(-100);
    expect(netPromoterScore([7, 8])).toBe(0);
  });

  it('is null without responses, not 0', () => {
    expect(netPromoterScore([])).toBeNull();
  });
});

describe('mean usefulness', () => {
  it('averages the responses, null without any', () => {
    expect(meanUsefulness([5, 4, 4, 2])).toBe(3.75);
    expect(meanUsefulness([])).toBeNull();
  });
});

describe('satisfaction', () => {
  const r = (responseId: string, revision: number, usefulness: number, recommend: number, intent: SurveyResponse['intent'] = 'yes'): SurveyResponse => ({
    responseId,
    revision,
    usefulness,
    recommend,
    intent,
  });

  it('counts each response at its latest revision only', () => {
    const revisions = [r('a', 1, 1, 0, 'no'), r('a', 3, 5, 10), r('a', 2, 3, 5, 'unsure'), r('b', 1, 3, 7, 'unsure')];
    expect(currentResponses(revisions).map((x) => [x.responseId, x.revision])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(satisfaction(revisions)).toEqual({
      responses: 2,
      meanUsefulness: 4,
      nps: 50,
      promoters: 1,
      passives: 1,
      detractors: 0,
      intent: { yes: 1, no: 0, unsure: 1 },
    });
  });

  it('reports no figures, rather than zeros, when nobody answered', () => {
    expect(satisfaction([])).toEqual({
      responses: 0,
      meanUsefulness: null,
      nps: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      intent: { yes: 0, no: 0, unsure: 0 },
    });
  });
});

import { netPromoterScore, satisfactionOf, tallyChange, tallyOf } from './satisfaction.rules';

describe('netPromoterScore', () => {
  it('is % promoters minus % detractors, as a percentage', () => {
    // recommend 10, 9, 7, 3: 2 promoters, 1 passive, 1 detractor.
    expect(netPromoterScore(2, 1, 4)).toBe(25);
    expect(netPromoterScore(1, 0, 3)).toBe(33.33);
    expect(netPromoterScore(0, 1, 3)).toBe(-33.33);
    expect(netPromoterScore(2, 0, 3)).toBe(66.67);
    expect(netPromoterScore(3, 0, 3)).toBe(100);
    expect(netPromoterScore(0, 7, 7)).toBe(-100);
    expect(netPromoterScore(0, 0, 5)).toBe(0);
  });

  it('is null without responses', () => {
    expect(netPromoterScore(0, 0, 0)).toBeNull();
  });
});

describe('tallyOf', () => {
  it('puts 9 and 10 with the promoters, 0 to 6 with the detractors, 7 and 8 with neither', () => {
    const categories = Array.from({ length: 11 }, (_, recommend) => {
      const tally = tallyOf({ usefulness: 3, recommend });
      return tally.promoters ? 'P' : tally.detractors ? 'D' : '-';
    });
    expect(categories.join('')).toBe('DDDDDDD--PP');
  });

  it('adds nothing for no response', () => {
    expect(tallyOf(null)).toEqual({ responses: 0, usefulnessTotal: 0, promoters: 0, detractors: 0 });
  });
});

describe('tallyChange', () => {
  it('adds a first answer and replaces a revised one without counting it twice', () => {
    expect(tallyChange(null, { usefulness: 4, recommend: 10 })).toEqual({ responses: 1, usefulnessTotal: 4, promoters: 1, detractors: 0 });
    expect(tallyChange({ usefulness: 4, recommend: 10 }, { usefulness: 2, recommend: 5 })).toEqual({
      responses: 0,
      usefulnessTotal: -2,
      promoters: -1,
      detractors: 1,
    });
    expect(tallyChange({ usefulness: 4, recommend: 8 }, { usefulness: 4, recommend: 8 })).toEqual({
      responses: 0,
      usefulnessTotal: 0,
      promoters: 0,
      detractors: 0,
    });
  });
});

describe('satisfactionOf', () => {
  it('gives the response rate over attendances and the mean usefulness, four decimals', () => {
    expect(satisfactionOf({ attendances: 5, responses: 3, usefulnessTotal: 13, promoters: 1, detractors: 1 })).toEqual({
      attendances: 5,
      responses: 3,
      responseRate: 0.6,
      meanUsefulness: 4.3333,
      nps: 0,
    });
  });

  it('has no rates for nothing', () => {
    expect(satisfactionOf({ attendances: 0, responses: 0, usefulnessTotal: 0, promoters: 0, detractors: 0 })).toEqual({
      attendances: 0,
      responses: 0,
      responseRate: null,
      meanUsefulness: null,
      nps: null,
    });
  });
});

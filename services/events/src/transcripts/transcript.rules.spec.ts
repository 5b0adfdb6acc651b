import { creditTotals } from './transcript.rules';

describe('creditTotals', () => {
  it('adds attended sessions and completed series, each apart and together', () => {
    expect(creditTotals([{ creditHours: 3 }, { creditHours: 2.5 }], [{ completionCreditHours: 6 }])).toEqual({
      eventsAttended: 2,
      seriesCompleted: 1,
      sessionCreditHours: 5.5,
      completionCreditHours: 6,
      creditHours: 11.5,
    });
  });

  it('sums in hundredths, so tenths add up exactly', () => {
    const totals = creditTotals([{ creditHours: 0.1 }, { creditHours: 0.2 }], [{ completionCreditHours: 0.7 }]);
    expect(totals.sessionCreditHours).toBe(0.3);
    expect(totals.creditHours).toBe(1);
  });

  it('is all zeros for a person with nothing attended', () => {
    expect(creditTotals([], [])).toEqual({ eventsAttended: 0, seriesCompleted: 0, sessionCreditHours: 0, completionCreditHours: 0, creditHours: 0 });
  });

  it('counts an attended event without credit as attended', () => {
    expect(creditTotals([{ creditHours: 0 }], [])).toMatchObject({ eventsAttended: 1, creditHours: 0 });
  });
});

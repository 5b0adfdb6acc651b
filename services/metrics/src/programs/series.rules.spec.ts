import { completionRate, seriesOutcome } from './series.rules';

describe('seriesOutcome', () => {
  it('counts participants and completions and adds up session and completion credit', () => {
    expect(
      seriesOutcome([
        { completed: true, sessionCreditHours: 4.5, completionCreditHours: 2 },
        { completed: true, sessionCreditHours: 3, completionCreditHours: 2 },
        { completed: false, sessionCreditHours: 1.5, completionCreditHours: 0 },
        { completed: false, sessionCreditHours: 0, completionCreditHours: 0 },
      ]),
    ).toEqual({ participants: 4, completed: 2, creditHours: 13 });
  });

  it('keeps hundredths exact', () => {
    const tenths = Array.from({ length: 10 }, () => ({ completed: false, sessionCreditHours: 0.1, completionCreditHours: 0.01 }));
    expect(seriesOutcome(tenths).creditHours).toBe(1.1);
    expect(seriesOutcome([])).toEqual({ participants: 0, completed: 0, creditHours: 0 });
  });
});

describe('completionRate', () => {
  it('is completed over participants, null before completion or without participants', () => {
    expect(completionRate(2, 3)).toBe(0.6667);
    expect(completionRate(0, 0)).toBeNull();
    expect(completionRate(null, null)).toBeNull();
  });
});

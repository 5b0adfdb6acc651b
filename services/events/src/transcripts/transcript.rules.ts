// A person's credit: each attended session's hours, plus each completed series' completion hours. Summed in
// hundredths of an hour, the precision credit is kept in, so 0.1 + 0.2 hours make 0.3.

export interface AttendedCredit {
  creditHours: number;
}

export interface CompletionCredit {
  completionCreditHours: number;
}

export interface CreditTotals {
  eventsAttended: number;
  seriesCompleted: number;
  /** From attended events and sessions. */
  sessionCreditHours: number;
  /** From completed series. */
  completionCreditHours: number;
  creditHours: number;
}

const hundredths = (hours: number) => Math.round(hours * 100);

export function creditTotals(attended: readonly AttendedCredit[], completions: readonly CompletionCredit[]): CreditTotals {
  const sessions = attended.reduce((sum, a) => sum + hundredths(a.creditHours), 0);
  const completion = completions.reduce((sum, c) => sum + hundredths(c.completionCreditHours), 0);
  return {
    eventsAttended: attended.length,
    seriesCompleted: completions.length,
    sessionCreditHours: sessions / 100,
    completionCreditHours: completion / 100,
    creditHours: (sessions + completion) / 100,
  };
}

/** Inclusive calendar days; a missing end is open, and no period at all is all time. */
export interface Period {
  from?: string;
  to?: string;
}

export function within(day: string, period: Period): boolean {
  return (period.from === undefined || day >= period.from) && (period.to === undefined || day <= period.to);
}

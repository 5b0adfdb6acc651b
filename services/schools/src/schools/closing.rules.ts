/** What a closure needs to know about the school and its open tenures. Plain data: no framework here. */
export interface ClosingSchool {
  status: 'open' | 'closed';
  closedOn: string | null;
}

export interface OpenTenure {
  id: string;
  role: string;
  startDate: string;
}

export type ClosingVerdict = { ok: true; endedTenureIds: string[] } | { ok: false; reason: string };

/**
 * A school closes once, on a day no open tenure starts after: a tenure ends on the closing day, and a
 * tenure cannot end before it starts. Every open tenure ends on that day, in the same change.
 */
export function decideClosing(school: ClosingSchool, effectiveDate: string, openTenures: readonly OpenTenure[]): ClosingVerdict {
  if (school.status === 'closed') return { ok: false, reason: `the school already closed on ${school.closedOn ?? 'an earlier date'}` };
  const later = openTenures.filter((t) => t.startDate > effectiveDate);
  if (later.length) {
    const first = later.reduce((a, b) => (a.startDate <= b.startDate ? a : b));
    return { ok: false, reason: `the ${first.role} tenure ${first.id} starts on ${first.startDate}, after the closing date ${effectiveDate}` };
  }
  return { ok: true, endedTenureIds: openTenures.map((t) => t.id) };
}

import { SINGLE_HOLDER_ROLES, dayBefore } from '@crosswalk/contracts';
import { byKey, groupBy } from '../reporting/group-by';
import { share } from '../reporting/share.rules';
import { type Transition, chronologically, withoutSuperseded, yearOf } from './transitions.rules';

export interface Closure {
  schoolId: string;
  /** The principal's tenure ends on this day (inclusive). */
  closedOn: string;
}

export interface TurnoverRow {
  cityId: string;
  year: number;
  /** Principal transitions at the city's schools effective that year (corrections replace what they correct). */
  transitions: number;
  /** The city's schools whose principal role was held by someone on at least one day of that year. */
  schoolsWithPrincipal: number;
  /** transitions / schoolsWithPrincipal, four decimals; null when no school had a principal. */
  turnoverRate: number | null;
  /** Chief transitions at the city's organizations effective that year. */
  chiefTransitions: number;
}

const PRINCIPAL = SINGLE_HOLDER_ROLES.school;
const CHIEF = SINGLE_HOLDER_ROLES.organization;

/** Days (inclusive) a principal held the role; null ends are open (before the first record, or still in post). */
interface Span {
  from: string | null;
  to: string | null;
}

/**
 * When the school's principal role was filled, from its transitions in order: whoever the first transition
 * replaced held it before; each incoming principal holds it until the next transition; a closure ends it.
 */
function principalSpans(ordered: readonly Transition[], closedOn: string | undefined): Span[] {
  const spans: Span[] = [];
  if (ordered[0].outgoingPersonId !== null) spans.push({ from: null, to: dayBefore(ordered[0].effectiveDate) });
  ordered.forEach((t, i) => {
    if (t.incomingPersonId === null) return;
    const next = ordered[i + 1];
    spans.push({ from: t.effectiveDate, to: next ? dayBefore(next.effectiveDate) : null });
  });
  return spans
    .map((s) => (closedOn !== undefined && (s.to === null || s.to > closedOn) ? { ...s, to: closedOn } : s))
    .filter((s) => s.from === null || s.to === null || s.from <= s.to);
}

/** The years within [first, last] on which the spans cover at least one day. */
function yearsCovered(spans: readonly Span[], first: number, last: number): Set<number> {
  const years = new Set<number>();
  for (const span of spans) {
    const from = Math.max(span.from === null ? first : yearOf(span.from), first);
    const to = Math.min(span.to === null ? last : yearOf(span.to), last);
    for (let year = from; year <= to; year += 1) years.add(year);
  }
  return years;
}

/**
 * Leadership turnover per city and year, for every year from the city's first to its last counted
 * principal or chief transition (years without any in between are rows of zero transitions).
 */
export function turnoverByCityAndYear(all: readonly Transition[], closures: readonly Closure[]): TurnoverRow[] {
  const counted = withoutSuperseded(all).filter(
    (t) => (t.holderKind === 'school' && t.role === PRINCIPAL) || (t.holderKind === 'organization' && t.role === CHIEF),
  );
  const closedOn = new Map(closures.map((c) => [c.schoolId, c.closedOn]));
  const rows: TurnoverRow[] = [];
  for (const [cityId, transitions] of byKey(groupBy(counted, (t) => t.cityId))) {
    const years = transitions.map((t) => yearOf(t.effectiveDate));
    const first = Math.min(...years);
    const last = Math.max(...years);
    const principals = transitions.filter((t) => t.holderKind === 'school');
    const staffed = new Map<number, number>();
    for (const school of groupBy(principals, (t) => t.holderId).values()) {
      const spans = principalSpans([...school].sort(chronologically), closedOn.get(school[0].holderId));
      for (const year of yearsCovered(spans, first, last)) staffed.set(year, (staffed.get(year) ?? 0) + 1);
    }
    for (let year = first; year <= last; year += 1) {
      const inYear = transitions.filter((t) => yearOf(t.effectiveDate) === year);
      const count = inYear.filter((t) => t.holderKind === 'school').length;
      const schoolsWithPrincipal = staffed.get(year) ?? 0;
      rows.push({
        cityId,
        year,
        transitions: count,
        schoolsWithPrincipal,
        turnoverRate: share(count, schoolsWithPrincipal),
        chiefTransitions: inYear.length - count,
      });
    }
  }
  return rows;
}

import type { Period } from '../reporting/period.rules';

/**
 * Reach is kept per calendar month ("YYYY-MM", which sorts like the months): see `reached-month.entity.ts`.
 * A period of days is read as the whole months inside it, answered from those monthly rows, plus at most two
 * stretches of edge days (the partial first and last months), answered from the participation rows.
 */
export type Month = string;

/** Bounds for an open end: every real month sorts between them, and "no earlier month" ('') before both. */
export const EARLIEST_MONTH: Month = '0000-01';
export const LATEST_MONTH: Month = '9999-12';
/** A subject's previous month when it had none: sorts before every month, so "before M" includes it. */
export const NO_MONTH: Month = '';
/** A subject's next month when it has none: sorts after every month and after LATEST_MONTH, so "after M" includes it. */
export const NO_LATER_MONTH: Month = '9999-99';

export function monthOf(day: string): Month {
  return day.slice(0, 7);
}

function shiftMonth(month: Month, by: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOf(month: Month): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

export interface MonthSplit {
  /** The whole months inside the period (inclusive; open ends as EARLIEST_MONTH / LATEST_MONTH), or null: none. */
  months: { first: Month; last: Month } | null;
  /** The period's days outside those months: none, one or two stretches, disjoint from the months. */
  edges: Required<Period>[];
}

/** Splits a period of days (inclusive, open ends allowed, `to` not before `from`) into whole months and edge days. */
export function splitIntoMonths(period: Period): MonthSplit {
  const startsWhole = period.from === undefined || period.from.endsWith('-01');
  const endsWhole = period.to === undefined || period.to === lastDayOf(monthOf(period.to));
  const first = period.from === undefined ? EARLIEST_MONTH : startsWhole ? monthOf(period.from) : shiftMonth(monthOf(period.from), 1);
  const last = period.to === undefined ? LATEST_MONTH : endsWhole ? monthOf(period.to) : shiftMonth(monthOf(period.to), -1);
  if (first > last) {
    // No whole month inside: the period is at most two partial months, both ends given.
    return { months: null, edges: [{ from: period.from as string, to: period.to as string }] };
  }
  const edges: Required<Period>[] = [];
  if (!startsWhole && period.from !== undefined) edges.push({ from: period.from, to: lastDayOf(monthOf(period.from)) });
  if (!endsWhole && period.to !== undefined) edges.push({ from: `${monthOf(period.to)}-01`, to: period.to });
  return { months: { first, last }, edges };
}

/**
 * A split's edge days named by side, when whole months lie between them: `start` is the tail of the month
 * before the first whole month (from the period's first day), `end` the head of the month after the last.
 */
export function edgesAround(split: MonthSplit, period: Period): { start?: Required<Period>; end?: Required<Period> } {
  if (split.months === null) return {};
  const start = split.edges.find((edge) => edge.from === period.from);
  const end = split.edges.find((edge) => edge !== start && edge.to === period.to);
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

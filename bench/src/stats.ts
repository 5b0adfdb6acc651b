// The figures every part of the bench prints: rates, percentiles, and the one table they go in.

/** Whole events (or requests) per second. */
export const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** The nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `p50 x, p99 y` of unsorted values, to `digits` decimals. */
export function latencySummary(values: readonly number[], digits = 1): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(digits)}, p99 ${percentile(sorted, 99).toFixed(digits)}`;
}

export interface Row {
  measure: string;
  crosswalk: string;
  baseline: string;
  target: string;
  met: string;
}

/** The bench's table, as Markdown lines with padded columns. */
export function tableLines(rows: readonly Row[]): string[] {
  const headers: Row = { measure: 'measure', crosswalk: 'crosswalk', baseline: 'baseline (same run)', target: 'target', met: 'met' };
  const keys = Object.keys(headers) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...[headers, ...rows].map((r) => r[k].length))])) as Record<keyof Row, number>;
  const line = (r: Row) => `| ${keys.map((k) => r[k].padEnd(width[k])).join(' | ')} |`;
  return [line(headers), `|${keys.map((k) => '-'.repeat(width[k] + 2)).join('|')}|`, ...rows.map(line)];
}

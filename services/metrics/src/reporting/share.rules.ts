/** Decimal places of every share and rate the metrics report. */
export const SHARE_DECIMALS = 4;

/**
 * `part / whole` rounded half away from zero to four decimals (0.6667 for 2/3); null when `whole` is 0,
 * because a share of nothing is undefined, not 0.
 */
export function share(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const scale = 10 ** SHARE_DECIMALS;
  // Rounding the scaled value after a tiny nudge keeps 0.00005-style halves from falling down through binary error.
  return Math.round((part / whole) * scale + Number.EPSILON * scale) / scale;
}

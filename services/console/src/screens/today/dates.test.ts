import { describe, expect, it } from 'vitest';
import { dayOffset, daysUntil } from './dates';

describe('Today dates', () => {
  it('counts back 30 days across a month end', () => {
    expect(dayOffset(new Date(2026, 2, 10), -30)).toBe('2026-02-08');
  });
  it('counts the days left in a grace period, negative once past', () => {
    expect(daysUntil('2026-12-02', '2026-12-30')).toBe(28);
    expect(daysUntil('2026-12-02', '2026-12-01')).toBe(-1);
  });
});

import { within } from './period.rules';

describe('within', () => {
  it('includes both ends, and leaves a missing end open', () => {
    const period = { from: '2025-01-01', to: '2025-12-31' };
    expect(['2024-12-31', '2025-01-01', '2025-06-30', '2025-12-31', '2026-01-01'].map((d) => within(d, period))).toEqual([false, true, true, true, false]);
    expect(within('1999-01-01', { to: '2025-12-31' })).toBe(true);
    expect(within('2099-01-01', { from: '2025-01-01' })).toBe(true);
    expect(within('2099-01-01', {})).toBe(true);
  });
});

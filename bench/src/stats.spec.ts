import { latencySummary, percentile, rate, tableLines } from './stats';

describe('bench figures', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });

  it('refuses the percentile of nothing', () => {
    expect(() => percentile([], 50)).toThrow('percentile of no values');
  });

  it('summarises unsorted latencies without reordering them', () => {
    const values = [30, 10, 20, 40];
    expect(latencySummary(values)).toBe('p50 20.0, p99 40.0');
    expect(latencySummary(values, 0)).toBe('p50 20, p99 40');
    expect(values).toEqual([30, 10, 20, 40]);
  });

  it('gives whole counts per second', () => {
    expect(rate(2000, 4000)).toBe(500);
    expect(rate(1, 3)).toBe(333);
  });

  it('pads every column to its widest cell', () => {
    const lines = tableLines([{ measure: 'register', crosswalk: '123', baseline: 'read 456', target: '-', met: '-' }]);
    expect(lines).toEqual([
      '| measure  | crosswalk | baseline (same run) | target | met |',
      '|----------|-----------|---------------------|--------|-----|',
      '| register | 123       | read 456            | -      | -   |',
    ]);
  });
});

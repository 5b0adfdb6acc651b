import { coresUsed } from './cpu';

describe('coresUsed', () => {
  it('adds up the CPU time every process used over the window', () => {
    const before = new Map([
      [10, 1_000_000_000],
      [11, 5_000_000_000],
    ]);
    const after = new Map([
      [10, 1_500_000_000],
      [11, 5_250_000_000],
    ]);
    // 0.5 s + 0.25 s of CPU in 1 s: three quarters of a core.
    expect(coresUsed(before, after, 1000)).toBeCloseTo(0.75);
    expect(coresUsed(before, after, 500)).toBeCloseTo(1.5);
  });

  it('counts only processes seen at both readings', () => {
    const before = new Map([[10, 0]]);
    const after = new Map([
      [10, 100_000_000],
      [12, 9_000_000_000],
    ]);
    expect(coresUsed(before, after, 1000)).toBeCloseTo(0.1);
  });
});

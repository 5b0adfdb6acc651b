import { share } from './share.rules';

describe('share', () => {
  it('rounds to four decimals', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 3)).toBe(0.3333);
    expect(share(1, 8)).toBe(0.125);
    expect(share(3, 3)).toBe(1);
    expect(share(0, 5)).toBe(0);
  });

  it('rounds halves up', () => {
    expect(share(1, 20000 / 1)).toBe(0.0001); // 0.00005
    expect(share(5, (2 * 10000) / 3)).toBe(0.0008); // 0.00075
  });

  it('is null for a share of nothing, and may exceed 1 (rates)', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(3, 2)).toBe(1.5);
  });
});

import { TokenBuckets } from './token-buckets';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('allows a burst up to the capacity, then refuses with the seconds until the next token', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 60, capacity: 3, now: time.now });
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 6, capacity: 1, now: time.now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    time.advance(4_000);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    time.advance(6_000);
    expect(buckets.take('a').allowed).toBe(true);
  });

  it('rounds Retry-After up so an obedient client is let through', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 7, capacity: 1, now: time.now });
    buckets.take('a');
    const refused = buckets.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 9 });
    time.advance(9_000);
    expect(buckets.take('a').allowed).toBe(true);
  });

  it('never holds more than the capacity', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 600, capacity: 2, now: time.now });
    time.advance(3_600_000);
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per client', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 1, capacity: 1, now: time.now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('forgets clients whose bucket has refilled, without changing decisions', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perMinute: 60, capacity: 2, now: time.now });
    buckets.take('idle');
    buckets.take('busy');
    buckets.take('busy');
    time.advance(2_000);
    buckets.take('busy');
    buckets.take('busy');
    buckets.take('other');
    expect(buckets.size).toBe(2);
    expect(buckets.take('idle')).toEqual({ allowed: true, remaining: 1 });
  });
});

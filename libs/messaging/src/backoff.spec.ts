import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('honours another growth factor', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, { ...options, factor: 3 }))).toEqual([100, 300, 900]);
  });

  it('stays finite after a very long outage', () => {
    expect(backoffDelay(10_000, options)).toBe(1000);
  });

  it('is 0 before any failure', () => {
    expect(backoffDelay(0, options)).toBe(0);
  });

  it('jitters downwards only, by at most the jitter fraction', () => {
    expect(backoffDelay(3, { ...options, jitter: 0.5 }, () => 0)).toBe(400);
    expect(backoffDelay(3, { ...options, jitter: 0.5 }, () => 1)).toBe(200);
    expect(backoffDelay(3, { ...options, jitter: 0.5 }, () => 0.5)).toBe(300);
  });
});

describe('sleep', () => {
  it('resolves true after the time', async () => {
    await expect(sleep(5)).resolves.toBe(true);
  });

  it('resolves false at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resolves false when the signal was already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(10_000, controller.signal)).resolves.toBe(false);
  });
});

/** Exponential backoff with a cap and optional jitter. */
export interface BackoffOptions {
  /** Delay before the second attempt. */
  initialMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /**
   * Fraction of the delay that is randomised downwards (0..1, default 0). Jitter keeps many consumers or
   * relays that failed together from retrying in lockstep.
   */
  jitter?: number;
}

/**
 * The delay after the `failures`-th consecutive failure (1-based): initialMs, initialMs*factor, ... capped
 * at maxMs. `random` is injectable so tests are deterministic.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  if (!Number.isFinite(failures) || failures < 1) return 0;
  const factor = options.factor ?? 2;
  // Cap the exponent before exponentiating so a long outage cannot overflow to Infinity/NaN.
  const exponent = Math.min(failures - 1, 64);
  const base = Math.min(options.maxMs, options.initialMs * Math.pow(factor, exponent));
  const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
  return Math.max(0, Math.round(base * (1 - jitter * random())));
}

/**
 * Waits `ms`, or less if `signal` aborts. Resolves `true` when the full time passed, `false` when cut short;
 * never rejects, so loops can just check their own stop flag afterwards.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

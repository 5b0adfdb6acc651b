export interface TokenBucketOptions {
  /** Sustained rate: tokens added per minute. */
  perMinute: number;
  /** Most tokens a bucket holds, i.e. the largest burst after a quiet period. */
  capacity: number;
  /** Milliseconds clock; injected so the rules are tested without waiting. */
  now?: () => number;
}

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

// Refill arithmetic is in floating point; without slack a client returning exactly after Retry-After
// could find 0.9999999 tokens and be refused again.
const EPSILON = 1e-9;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per client. Buckets are refilled lazily on use rather than by a timer, and a bucket
 * that has refilled completely is indistinguishable from a new one, so sweeping those away bounds memory
 * by the number of clients active within one refill period without changing any decision.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly refillMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.perMinute > 0) || !(options.capacity >= 1)) throw new Error('perMinute must be > 0 and capacity >= 1');
    this.perMs = options.perMinute / 60_000;
    this.refillMs = options.capacity / this.perMs;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  take(client: string): TakeResult {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.options.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1 - EPSILON) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    // Whole seconds (Retry-After has no fractions), rounded up so a client that obeys it is let through.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Clients currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.refillMs) return;
    this.lastSweep = now;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.options.capacity) this.buckets.delete(client);
    }
  }
}

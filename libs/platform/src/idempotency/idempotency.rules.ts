import { createHash } from 'node:crypto';

/** How long a key answers with its first response (issue: "same key and body within 24 hours"). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * A key still `pending` after this long belongs to a request that died with its process (a finished request
 * always completes or releases its key). A retry may then take the key over: see docs/errors.md for what that
 * means for a request whose change had committed before the process died.
 */
export const IDEMPOTENCY_PENDING_TIMEOUT_MS = 2 * 60 * 1000;

/** Printable ASCII without spaces, as the IETF Idempotency-Key draft's examples (UUIDs, random tokens) are. */
const KEY_FORMAT = /^[\x21-\x7e]{1,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` are one body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two requests "the same request": method, path with query, and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

export interface StoredAttempt {
  fingerprint: string;
  state: 'pending' | 'completed';
  createdAt: Date;
}

export type IdempotencyDecision =
  /** The stored answer is the answer. */
  | { kind: 'replay' }
  /** The key was used for a different request. */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'in_progress' }
  /** The stored attempt no longer binds (expired, or abandoned by a dead process): run the request afresh. */
  | { kind: 'take_over' };

/** What a request does with a key that another request already stored. */
export function decideOnStoredAttempt(stored: StoredAttempt, fingerprint: string, now: Date): IdempotencyDecision {
  const age = now.getTime() - stored.createdAt.getTime();
  if (age >= IDEMPOTENCY_RETENTION_MS) return { kind: 'take_over' };
  if (stored.state === 'pending') return age >= IDEMPOTENCY_PENDING_TIMEOUT_MS ? { kind: 'take_over' } : { kind: 'in_progress' };
  return stored.fingerprint === fingerprint ? { kind: 'replay' } : { kind: 'mismatch' };
}

import {
  IDEMPOTENCY_PENDING_TIMEOUT_MS,
  IDEMPOTENCY_RETENTION_MS,
  canonicalJson,
  decideOnStoredAttempt,
  isValidIdempotencyKey,
  requestFingerprint,
} from './idempotency.rules';

describe('idempotency rules', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const ago = (ms: number): Date => new Date(now.getTime() - ms);

  it('sorts object members at every depth, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('fingerprints method, path with query and body', () => {
    const base = requestFingerprint('post', '/v1/cities', { name: 'Tulsa', state: 'OK' });
    expect(requestFingerprint('POST', '/v1/cities', { state: 'OK', name: 'Tulsa' })).toBe(base);
    expect(requestFingerprint('POST', '/v1/cities?x=1', { name: 'Tulsa', state: 'OK' })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/organizations', { name: 'Tulsa', state: 'OK' })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/cities', { name: 'Tulsa', state: 'ok' })).not.toBe(base);
  });

  it('accepts printable keys of 1 to 128 characters', () => {
    expect(isValidIdempotencyKey('0d9f3c1e-8b2a-4a57-9d43-2f1f9c0b7e11')).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(128))).toBe(true);
    for (const bad of ['', 'x'.repeat(129), 'a b', 'tab\there', 'é']) expect(isValidIdempotencyKey(bad)).toBe(false);
  });

  it('replays a completed attempt of the same request and refuses another request', () => {
    const stored = { fingerprint: 'f1', state: 'completed' as const, createdAt: ago(IDEMPOTENCY_RETENTION_MS - 1) };
    expect(decideOnStoredAttempt(stored, 'f1', now)).toEqual({ kind: 'replay' });
    expect(decideOnStoredAttempt(stored, 'f2', now)).toEqual({ kind: 'mismatch' });
  });

  it('lets a key go after 24 hours', () => {
    expect(decideOnStoredAttempt({ fingerprint: 'f1', state: 'completed', createdAt: ago(IDEMPOTENCY_RETENTION_MS) }, 'f2', now)).toEqual({
      kind: 'take_over',
    });
  });

  it('waits for a running attempt, and takes over one abandoned by a dead process', () => {
    expect(decideOnStoredAttempt({ fingerprint: 'f1', state: 'pending', createdAt: ago(1000) }, 'f1', now)).toEqual({ kind: 'in_progress' });
    expect(decideOnStoredAttempt({ fingerprint: 'f1', state: 'pending', createdAt: ago(IDEMPOTENCY_PENDING_TIMEOUT_MS) }, 'f1', now)).toEqual({
      kind: 'take_over',
    });
  });
});

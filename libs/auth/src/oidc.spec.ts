// OpenID Connect tokens against a real JWKS endpoint on 127.0.0.1 (issue 18): keys fetched and cached,
// rotation through an unknown `kid` (one refetch, rate-limited), HS256 refused, claims mapped to a principal.
import { sign } from 'jsonwebtoken';
import { type TestIdentityProvider, startTestIdentityProvider } from '@crosswalk/testing';
import { KeySetUnavailableError, NoCrosswalkRoleError, type OidcSettings, principalFromClaims } from './oidc';
import { InvalidTokenError } from './principal';
import { TokenVerifier } from './token-verifier';

const SECRET = 's'.repeat(32);
const ROLE_MAP = { 'crosswalk-admins': 'network_admin', 'crosswalk-operators': 'city_operator', 'crosswalk-analysts': 'analyst' } as const;

/** Only Date is faked, so jose's cache and cooldown see the time a test sets while sockets run for real. */
function fakeDateOnly(): void {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
const advanceSeconds = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);

describe('OpenID Connect tokens (JWKS)', () => {
  let provider: TestIdentityProvider;
  let verifier: TokenVerifier;

  const settingsFor = (p: TestIdentityProvider): OidcSettings => ({
    jwksUrl: p.jwksUrl,
    issuer: p.issuer,
    audience: p.audience,
    roleClaim: 'groups',
    citiesClaim: 'crosswalk_cities',
    roleMap: ROLE_MAP,
  });

  beforeAll(async () => {
    provider = await startTestIdentityProvider();
    await provider.addKey('key-a', 'RS256');
    await provider.addKey('key-b', 'ES256');
    await provider.addKey('never-published', 'RS256');
  });
  afterAll(() => provider.close());

  beforeEach(() => {
    fakeDateOnly();
    provider.publish('key-a');
    // A fresh verifier per test: its key cache starts empty.
    verifier = new TokenVerifier({ secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api', oidc: settingsFor(provider) });
  });
  afterEach(() => jest.useRealTimers());

  const admin = { sub: 'ada', groups: ['crosswalk-admins'] };

  it('accepts an RS256 token signed by a published key, fetching the key set once and caching it', async () => {
    const before = provider.fetches;
    await expect(verifier.verify(await provider.sign('key-a', admin))).resolves.toEqual({ subject: 'ada', role: 'network_admin', cities: [] });
    await expect(verifier.verify(await provider.sign('key-a', { sub: 'bo', groups: ['crosswalk-analysts'] }))).resolves.toMatchObject({ role: 'analyst' });
    expect(provider.fetches - before).toBe(1);
  });

  it('rotates: after the provider switches to key B, a key-B token verifies after exactly one refetch; retired key A is refused', async () => {
    await verifier.verify(await provider.sign('key-a', admin));
    const afterFirst = provider.fetches;
    provider.publish('key-b');
    advanceSeconds(31);
    await expect(verifier.verify(await provider.sign('key-b', admin))).resolves.toMatchObject({ subject: 'ada', role: 'network_admin' });
    expect(provider.fetches - afterFirst).toBe(1);
    await expect(verifier.verify(await provider.sign('key-a', admin))).rejects.toThrow(new InvalidTokenError('invalid token: unknown signing key'));
  });

  it('serves both keys during an overlap: a provider that publishes B before signing with it rotates without a refusal', async () => {
    provider.publish('key-a', 'key-b');
    const before = provider.fetches;
    await expect(verifier.verify(await provider.sign('key-a', admin))).resolves.toMatchObject({ role: 'network_admin' });
    await expect(verifier.verify(await provider.sign('key-b', admin))).resolves.toMatchObject({ role: 'network_admin' });
    expect(provider.fetches - before).toBe(1);
  });

  it('rate-limits refetches: a flood of unknown kids causes at most one fetch per cooldown', async () => {
    await verifier.verify(await provider.sign('key-a', admin));
    const forged = await provider.sign('never-published', admin);
    const before = provider.fetches;
    // Within the cooldown of the first fetch: no refetch at all.
    for (let i = 0; i < 10; i += 1) await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
    expect(provider.fetches).toBe(before);
    // After it: one refetch for 20 concurrent and 10 later forged tokens.
    advanceSeconds(31);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => verifier.verify(forged)));
    for (let i = 0; i < 10; i += 1) await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof InvalidTokenError)).toBe(true);
    expect(provider.fetches - before).toBe(1);
  });

  it('refuses an HS256 token when a JWKS URL is configured, even one signed with the configured secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = sign({ ...admin, role: 'network_admin', iss: provider.issuer, aud: provider.audience, exp: now + 600 }, SECRET, { algorithm: 'HS256' });
    await expect(verifier.verify(hs256)).rejects.toThrow(new InvalidTokenError('invalid token: algorithm not allowed'));
    const devToken = sign({ sub: 'dev', role: 'network_admin', iss: 'crosswalk', aud: 'crosswalk-api', exp: now + 600 }, SECRET, { algorithm: 'HS256' });
    await expect(verifier.verify(devToken)).rejects.toThrow(InvalidTokenError);
    expect(verifier.acceptsSharedSecretTokens).toBe(false);
  });

  it('checks issuer, audience, expiry and lifetime without echoing what it expected', async () => {
    const wrongIssuer = verifier.verify(await provider.sign('key-a', { ...admin, iss: 'https://elsewhere.example/' }));
    await expect(wrongIssuer).rejects.toThrow(new InvalidTokenError('invalid token: iss claim check failed'));
    const wrongAudience = verifier.verify(await provider.sign('key-a', { ...admin, aud: 'someone-else' }));
    await expect(wrongAudience).rejects.toThrow(new InvalidTokenError('invalid token: aud claim check failed'));
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier.verify(await provider.sign('key-a', { ...admin, iat: now - 7200, exp: now - 3600 }))).rejects.toThrow(
      new InvalidTokenError('token expired'),
    );
    await expect(verifier.verify(await provider.sign('key-a', { ...admin, exp: undefined }))).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(await provider.sign('key-a', { ...admin, exp: now + 13 * 3600 }))).rejects.toThrow(
      new InvalidTokenError('token lifetime exceeds 43200 seconds'),
    );
  });

  it('answers an unmapped role as a known caller without a Crosswalk role', async () => {
    await expect(verifier.verify(await provider.sign('key-a', { sub: 'eve', groups: ['payroll'] }))).rejects.toThrow(NoCrosswalkRoleError);
  });

  it('reports an unreachable key set as unavailable, not as a bad token', async () => {
    const gone = await startTestIdentityProvider();
    await gone.close();
    const offline = new TokenVerifier({ secret: SECRET, issuer: 'x', audience: 'y', oidc: settingsFor(gone) });
    await expect(offline.verify(await provider.sign('key-a', admin))).rejects.toThrow(KeySetUnavailableError);
  });
});

describe('principalFromClaims (claim mapping)', () => {
  const settings: OidcSettings = {
    jwksUrl: 'http://127.0.0.1:1/jwks',
    issuer: 'i',
    audience: 'a',
    roleClaim: 'groups',
    citiesClaim: 'crosswalk_cities',
    roleMap: ROLE_MAP,
  };

  it('maps a group to the role and the cities claim (array or space/comma-separated string) to a city_operator', () => {
    expect(principalFromClaims({ sub: 'op', groups: ['crosswalk-operators'], crosswalk_cities: ['c1', 'c2', 'c1'] }, settings)).toEqual({
      subject: 'op',
      role: 'city_operator',
      cities: ['c1', 'c2'],
    });
    expect(principalFromClaims({ sub: 'op', groups: 'crosswalk-operators', crosswalk_cities: 'c1 c2,c3' }, settings).cities).toEqual(['c1', 'c2', 'c3']);
  });

  it('grants the strongest mapped role and ignores cities for roles that are not city-bound', () => {
    expect(principalFromClaims({ sub: 'x', groups: ['payroll', 'crosswalk-analysts', 'crosswalk-admins'], crosswalk_cities: ['c1'] }, settings)).toEqual({
      subject: 'x',
      role: 'network_admin',
      cities: [],
    });
  });

  it('reads a dotted claim path when no claim has that exact name (Keycloak realm roles), and an exact name with dots first', () => {
    const keycloak = { ...settings, roleClaim: 'realm_access.roles' };
    expect(principalFromClaims({ sub: 'k', realm_access: { roles: ['crosswalk-analysts'] } }, keycloak).role).toBe('analyst');
    const namespaced = { ...settings, roleClaim: 'https://crosswalk.example/roles' };
    expect(principalFromClaims({ sub: 'n', 'https://crosswalk.example/roles': ['crosswalk-admins'] }, namespaced).role).toBe('network_admin');
  });

  it('refuses no mapped value, no role claim, an operator without cities and a token without subject', () => {
    expect(() => principalFromClaims({ sub: 'x', groups: ['payroll'] }, settings)).toThrow(NoCrosswalkRoleError);
    expect(() => principalFromClaims({ sub: 'x' }, settings)).toThrow(NoCrosswalkRoleError);
    expect(() => principalFromClaims({ sub: 'x', groups: ['crosswalk-operators'] }, settings)).toThrow(
      new NoCrosswalkRoleError('city_operator token names no city'),
    );
    expect(() => principalFromClaims({ groups: ['crosswalk-admins'] }, settings)).toThrow(InvalidTokenError);
  });
});

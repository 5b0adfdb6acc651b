import { sign } from 'jsonwebtoken';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { InvalidTokenError, signToken, verifyToken, type AuthSettings } from './principal';
import { assertCityAccess, canAccessCity, visibleCities, visibleOrNotFound } from './city-scope';

const settings: AuthSettings = { secret: 'unit-test-secret-unit-test-secret-123', issuer: 'crosswalk', audience: 'crosswalk-api' };

describe('verifyToken', () => {
  it('accepts a token it signed and reads role and cities', () => {
    const token = signToken({ subject: 'op-1', role: 'city_operator', cities: ['c1', 'c2'] }, settings);
    expect(verifyToken(token, settings)).toEqual({ subject: 'op-1', role: 'city_operator', cities: ['c1', 'c2'] });
  });

  it('refuses an expired token', () => {
    const token = sign({ role: 'analyst', cities: [] }, settings.secret, {
      subject: 'a',
      issuer: settings.issuer,
      audience: settings.audience,
      expiresIn: -10,
    });
    expect(() => verifyToken(token, settings)).toThrow(new InvalidTokenError('token expired'));
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken({ subject: 'x', role: 'network_admin' }, { ...settings, secret: 'another-secret-another-secret-12345' });
    expect(() => verifyToken(token, settings)).toThrow(/invalid signature/);
  });

  it('refuses another audience or issuer', () => {
    expect(() => verifyToken(signToken({ subject: 'x', role: 'analyst' }, { ...settings, audience: 'other' }), settings)).toThrow(/audience/);
    expect(() => verifyToken(signToken({ subject: 'x', role: 'analyst' }, { ...settings, issuer: 'other' }), settings)).toThrow(/issuer/);
  });

  it('does not echo the expected issuer or audience', () => {
    const wrongAudience = signToken({ subject: 'x', role: 'analyst' }, { ...settings, audience: 'other' });
    const wrongIssuer = signToken({ subject: 'x', role: 'analyst' }, { ...settings, issuer: 'other' });
    for (const token of [wrongAudience, wrongIssuer]) {
      const message = (() => {
        try {
          verifyToken(token, settings);
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
        return 'accepted';
      })();
      expect(message).toMatch(/^invalid token: jwt (audience|issuer) invalid$/);
      expect(message).not.toContain(settings.audience);
      expect(message).not.toContain(settings.issuer);
    }
  });

  it('refuses a validly signed token without exp', () => {
    const token = sign({ role: 'network_admin', cities: [] }, settings.secret, { subject: 'x', issuer: settings.issuer, audience: settings.audience });
    expect(() => verifyToken(token, settings)).toThrow(new InvalidTokenError('token has no expiry'));
  });

  it('refuses a token expiring in the year 3000, or issued for longer than the limit', () => {
    const year3000 = Math.floor(Date.UTC(3000, 0, 1) / 1000);
    const farAhead = sign({ role: 'network_admin', cities: [], exp: year3000 }, settings.secret, {
      subject: 'x',
      issuer: settings.issuer,
      audience: settings.audience,
    });
    expect(() => verifyToken(farAhead, settings)).toThrow(new InvalidTokenError('token lifetime exceeds 43200 seconds'));
    const thirteenHours = signToken({ subject: 'x', role: 'analyst', expiresIn: '13h' }, settings);
    expect(() => verifyToken(thirteenHours, settings)).toThrow(/lifetime exceeds/);
    // Backdated iat does not help: the remaining lifetime counts too.
    const now = Math.floor(Date.now() / 1000);
    const backdated = sign({ role: 'analyst', cities: [], iat: now - 3600, exp: now + 13 * 3600 }, settings.secret, {
      subject: 'x',
      issuer: settings.issuer,
      audience: settings.audience,
    });
    expect(() => verifyToken(backdated, settings)).toThrow(/lifetime exceeds/);
  });

  it('honours a configured limit and accepts tokens within it', () => {
    const token = signToken({ subject: 'x', role: 'analyst', expiresIn: '2h' }, settings);
    expect(verifyToken(token, settings).role).toBe('analyst');
    expect(() => verifyToken(token, { ...settings, maxLifetimeSeconds: 3600 })).toThrow(/lifetime exceeds 3600 seconds/);
    expect(verifyToken(signToken({ subject: 'x', role: 'analyst', expiresIn: '12h' }, settings), settings).subject).toBe('x');
  });

  it('refuses the none algorithm', () => {
    const unsigned = sign({ role: 'network_admin', sub: 'x', iss: settings.issuer, aud: settings.audience }, '', { algorithm: 'none' });
    expect(() => verifyToken(unsigned, settings)).toThrow(InvalidTokenError);
  });

  it('refuses unknown roles and a city operator without cities', () => {
    const bad = sign({ role: 'superuser' }, settings.secret, { subject: 'x', issuer: settings.issuer, audience: settings.audience, expiresIn: '1h' });
    expect(() => verifyToken(bad, settings)).toThrow(/role/);
    expect(() => verifyToken(signToken({ subject: 'x', role: 'city_operator' }, settings), settings)).toThrow(/names no city/);
  });

  it('ignores cities claimed by roles that are not city-bound', () => {
    const token = signToken({ subject: 'x', role: 'analyst', cities: ['c1'] }, settings);
    expect(verifyToken(token, settings).cities).toEqual([]);
  });
});

describe('city scope', () => {
  const operator = { subject: 'op', role: 'city_operator' as const, cities: ['a'] };
  const admin = { subject: 'admin', role: 'network_admin' as const, cities: [] };

  it('lets an operator into its own cities only', () => {
    expect(canAccessCity(operator, 'a')).toBe(true);
    expect(canAccessCity(operator, 'b')).toBe(false);
    expect(() => assertCityAccess(operator, 'b')).toThrow(expect.objectContaining({ code: ProblemCode.NotFound, detail: 'City b not found' }));
  });

  it('answers a record of another city exactly like an unknown one, naming only what was asked for', () => {
    const refusal = (record: { cityId: string } | null) => {
      try {
        visibleOrNotFound(operator, record, 'School s1');
      } catch (error) {
        return error instanceof Problem ? { code: error.code, status: error.getStatus(), detail: error.detail } : error;
      }
      return undefined;
    };
    expect(refusal({ cityId: 'b' })).toEqual({ code: ProblemCode.NotFound, status: 404, detail: 'School s1 not found' });
    expect(refusal({ cityId: 'b' })).toEqual(refusal(null));
    expect(visibleOrNotFound(operator, { cityId: 'a' }, 'School s2')).toEqual({ cityId: 'a' });
  });

  it('gives network-wide roles every city', () => {
    expect(canAccessCity(admin, 'anything')).toBe(true);
    expect(visibleCities(admin)).toBeUndefined();
  });

  it('narrows list filters to the scope and refuses a requested city outside it', () => {
    expect(visibleCities(operator)).toEqual(['a']);
    expect(visibleCities(operator, 'a')).toEqual(['a']);
    expect(() => visibleCities(operator, 'b')).toThrow(expect.objectContaining({ code: ProblemCode.NotFound, detail: 'City b not found' }));
  });
});

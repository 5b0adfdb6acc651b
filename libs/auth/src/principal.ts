import { sign, verify, JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';

export const ROLES = ['network_admin', 'city_operator', 'analyst', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token. */
export interface Principal {
  subject: string;
  role: Role;
  /** Cities a city_operator may read and change; empty for the other roles (they are not city-bound). */
  cities: string[];
}

export interface AuthSettings {
  secret: string;
  issuer: string;
  audience: string;
  /** Longest lifetime a token may have, in seconds (JWT_MAX_TOKEN_LIFETIME_SECONDS); default 12 hours. */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
/** Tolerated clock difference between the issuer and this process. */
const CLOCK_SKEW_SECONDS = 60;

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

interface CrosswalkClaims {
  sub?: unknown;
  role?: unknown;
  cities?: unknown;
  exp?: unknown;
  iat?: unknown;
}

export class InvalidTokenError extends Error {}

/**
 * A token without `exp` or one valid for longer than the limit would be a credential that never dies if it
 * leaks: both are refused. The lifetime is measured from `iat` when present and always from now.
 */
function assertBoundedLifetime(claims: CrosswalkClaims, settings: AuthSettings, nowSeconds: number): void {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new InvalidTokenError('token has no expiry');
  const limit = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const fromIssue = typeof iat === 'number' ? exp - iat : 0;
  if (fromIssue > limit || exp - nowSeconds > limit + CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError(`token lifetime exceeds ${limit} seconds`);
  }
}

/**
 * jsonwebtoken's messages name what it expected ("jwt audience invalid. expected: crosswalk-api"); a caller
 * learns only which check failed.
 */
function withoutExpectation(message: string): string {
  return message.replace(/\.?\s*expected:.*$/s, '');
}

/** Verifies signature, issuer, audience, expiry and lifetime (HS256 only: no algorithm confusion). */
export function verifyToken(token: string, settings: AuthSettings, nowSeconds = Math.floor(Date.now() / 1000)): Principal {
  let claims: CrosswalkClaims;
  try {
    const decoded = verify(token, settings.secret, {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTimestamp: nowSeconds,
    });
    if (typeof decoded === 'string') throw new InvalidTokenError('token payload must be a JSON object');
    claims = decoded;
  } catch (error) {
    if (error instanceof TokenExpiredError) throw new InvalidTokenError('token expired');
    if (error instanceof JsonWebTokenError) throw new InvalidTokenError(`invalid token: ${withoutExpectation(error.message)}`);
    throw error;
  }
  assertBoundedLifetime(claims, settings, nowSeconds);
  const { sub, role, cities } = claims;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidTokenError('token has no valid role');
  }
  const cityList = Array.isArray(cities) ? cities.filter((c): c is string => typeof c === 'string') : [];
  if (role === 'city_operator' && cityList.length === 0) throw new InvalidTokenError('city_operator token names no city');
  return { subject: sub, role: role as Role, cities: role === 'city_operator' ? cityList : [] };
}

export interface TokenRequest {
  subject: string;
  role: Role;
  cities?: string[];
  /** Seconds, or a zeit/ms string such as '8h'. */
  expiresIn?: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

export function signToken(request: TokenRequest, settings: AuthSettings): string {
  return sign({ role: request.role, cities: request.cities ?? [] }, settings.secret, {
    algorithm: 'HS256',
    subject: request.subject,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: request.expiresIn ?? '8h',
  });
}

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
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

interface CrosswalkClaims {
  sub?: unknown;
  role?: unknown;
  cities?: unknown;
}

export class InvalidTokenError extends Error {}

/** Verifies signature, issuer, audience and expiry (HS256 only: no algorithm confusion). */
export function verifyToken(token: string, settings: AuthSettings): Principal {
  let claims: CrosswalkClaims;
  try {
    const decoded = verify(token, settings.secret, {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
    });
    if (typeof decoded === 'string') throw new InvalidTokenError('token payload must be a JSON object');
    claims = decoded;
  } catch (error) {
    if (error instanceof TokenExpiredError) throw new InvalidTokenError('token expired');
    if (error instanceof JsonWebTokenError) throw new InvalidTokenError(`invalid token: ${error.message}`);
    throw error;
  }
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

import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { InvalidTokenError, type Principal, ROLES, type Role, assertBoundedLifetime } from './principal';

/**
 * The organisation's OpenID Connect provider: where its signing keys are published and how its claims map
 * onto Crosswalk's role and cities (OIDC_* variables).
 */
export interface OidcSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Claim holding the provider's role or group names: a string or an array (a dotted path reaches into objects). */
  roleClaim: string;
  /** Claim holding the Crosswalk city ids of a city_operator: an array, or a space- or comma-separated string. */
  citiesClaim: string;
  /** Provider value -> Crosswalk role. Values not listed grant nothing. */
  roleMap: Readonly<Record<string, Role>>;
  /** Shortest time between two JWKS fetches caused by an unknown `kid`; default 30 s. */
  refreshCooldownMs?: number;
  /** Keys are fetched again after this long even without an unknown `kid`; default 10 minutes. */
  cacheMaxAgeMs?: number;
}

/** Asymmetric algorithms only: with a JWKS configured, an HS256 token (a shared secret) is never accepted. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'];

/**
 * A valid token whose claims give no Crosswalk role (or an operator no city): the caller is known but may
 * not act, so it is a 403, not a 401 (signing in again would not help).
 */
export class NoCrosswalkRoleError extends Error {}

/** The provider's keys could not be fetched: not the caller's fault (503), and no token can be checked. */
export class KeySetUnavailableError extends Error {}

/** Reads `name` as a claim, or, when no claim has that exact name, as a dotted path (`realm_access.roles`). */
function claimValue(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * The Crosswalk principal for verified provider claims. Several mapped values grant the role listed first in
 * ROLES (network_admin before city_operator before analyst before service).
 */
export function principalFromClaims(payload: JWTPayload, settings: OidcSettings): Principal {
  const { sub } = payload;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('token has no subject');
  const granted = new Set(stringList(claimValue(payload, settings.roleClaim)).flatMap((value) => settings.roleMap[value] ?? []));
  const role = ROLES.find((candidate) => granted.has(candidate));
  if (!role) throw new NoCrosswalkRoleError('Token grants no Crosswalk role');
  if (role !== 'city_operator') return { subject: sub, role, cities: [] };
  const cities = [...new Set(stringList(claimValue(payload, settings.citiesClaim)))];
  if (cities.length === 0) throw new NoCrosswalkRoleError('city_operator token names no city');
  return { subject: sub, role, cities };
}

/** jose's codes for a key set that could not be fetched or read (a plain JOSEError is only thrown by the fetch). */
const KEY_SET_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/** A socket error (ECONNREFUSED, ENOTFOUND...) from fetching the key set. */
function isNetworkError(error: unknown): boolean {
  // Duck-typed: socket errors may come from another realm (jest's sandbox), where instanceof Error fails.
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code);
}

/** A quiet 401 message: which check failed, never the expected issuer or audience. */
function refusal(error: errors.JOSEError): InvalidTokenError {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('token expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new InvalidTokenError(`invalid token: ${error.claim} claim check failed`);
  if (error instanceof errors.JOSEAlgNotAllowed) return new InvalidTokenError('invalid token: algorithm not allowed');
  if (error instanceof errors.JWKSNoMatchingKey) return new InvalidTokenError('invalid token: unknown signing key');
  return new InvalidTokenError(`invalid token: ${error.code}`);
}

/**
 * Verifies RS256/ES256 tokens against the provider's JWKS. jose's remote key set caches the keys, fetches
 * them again after `cacheMaxAgeMs`, and on an unknown `kid` at most once per `refreshCooldownMs`, so a
 * provider that publishes its next key before signing with it rotates without a refused request, and a
 * flood of made-up `kid`s cannot turn into a flood of fetches.
 */
export class OidcTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: OidcSettings,
    private readonly maxLifetimeSeconds: number | undefined,
  ) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
      cooldownDuration: settings.refreshCooldownMs ?? 30_000,
      cacheMaxAge: settings.cacheMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: 5_000,
    });
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: OIDC_ALGORITHMS,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !KEY_SET_FAILURES.has(error.code)) throw refusal(error);
      if (error instanceof errors.JOSEError || isNetworkError(error)) {
        throw new KeySetUnavailableError('The identity provider keys are unavailable');
      }
      throw error;
    }
    assertBoundedLifetime(payload, this.maxLifetimeSeconds, Math.floor(Date.now() / 1000));
    return principalFromClaims(payload, this.settings);
  }
}

// The signed-in user, as the token says. The console only reads the token to decide what to show; the API
// verifies it on every request and enforces every rule again.
export type Role = 'network_admin' | 'city_operator' | 'analyst';
const ROLES: readonly string[] = ['network_admin', 'city_operator', 'analyst'];

export interface Session {
  token: string;
  subject: string;
  role: Role;
  /** The cities a city operator works in; empty for network-wide roles. */
  cities: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'crosswalk.console.token';

function decodeBase64Url(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export class TokenError extends Error {}

/** Reads role, cities and expiry from a token (no signature check: that is the API's job). */
export function readToken(token: string, now: number = Date.now()): Session {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new TokenError('This is not a token: a token has three parts separated by dots.');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    throw new TokenError('This token cannot be read.');
  }
  const role = claims.role;
  if (typeof role !== 'string' || !ROLES.includes(role)) throw new TokenError('This token has no console role (network_admin, city_operator or analyst).');
  const cities = Array.isArray(claims.cities) ? claims.cities.filter((c): c is string => typeof c === 'string') : [];
  if (role === 'city_operator' && cities.length === 0) throw new TokenError('This city operator token names no city.');
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : Number.POSITIVE_INFINITY;
  if (expiresAt * 1000 <= now) throw new TokenError('This token has expired: ask for a new one.');
  return {
    token: token.trim(),
    subject: typeof claims.sub === 'string' ? claims.sub : 'unknown',
    role: role as Role,
    cities: role === 'city_operator' ? cities : [],
    expiresAt,
  };
}

/** The session kept for this browser tab only (sessionStorage): closing the tab signs out. */
export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    return readToken(token);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

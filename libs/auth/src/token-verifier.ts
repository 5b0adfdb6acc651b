import { OidcTokenVerifier } from './oidc';
import { type AuthSettings, type Principal, verifyToken } from './principal';

/**
 * The one place a request's bearer token becomes a principal (auth guard, gateway rate limiter). With an
 * OpenID Connect provider configured it accepts only the provider's RS256/ES256 tokens; without one, the
 * HS256 tokens of development and tests.
 */
export class TokenVerifier {
  private readonly oidc?: OidcTokenVerifier;

  constructor(private readonly settings: AuthSettings) {
    if (settings.oidc) this.oidc = new OidcTokenVerifier(settings.oidc, settings.maxLifetimeSeconds);
  }

  /** Whether HS256 tokens signed with the shared secret are accepted (development and tests only). */
  get acceptsSharedSecretTokens(): boolean {
    return !this.oidc;
  }

  async verify(token: string): Promise<Principal> {
    return this.oidc ? this.oidc.verify(token) : verifyToken(token, this.settings);
  }
}

// A service configured for the organisation's OpenID Connect provider (OIDC_* variables), probed over HTTP:
// the provider's tokens pass the guard with the mapped role and cities, HS256 tokens are 401, a valid token
// that maps to no Crosswalk role is 403 (issue 18).
import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { CurrentPrincipal, type Principal, signToken } from '@crosswalk/auth';
import { type TestIdentityProvider, startTestIdentityProvider } from '@crosswalk/testing';
import { PlatformModule, createServiceApp } from '../src';

@Controller('v1/whoami')
class WhoAmIController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

@Module({ imports: [PlatformModule.forService({ name: 'oidc-test' })], controllers: [WhoAmIController] })
class OidcTestModule {}

describe('OpenID Connect tokens through a service', () => {
  const saved = { ...process.env };
  let provider: TestIdentityProvider;
  let app: INestApplication;
  let url: string;

  const whoAmI = async (token: string) => {
    const response = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    provider = await startTestIdentityProvider();
    await provider.addKey('rsa-1', 'RS256');
    provider.publish('rsa-1');
    process.env = {
      ...saved,
      // No JWT_SECRET: with a JWKS URL it is not needed.
      JWT_SECRET: undefined,
      KAFKA_BROKERS: '127.0.0.1:9',
      LOG_LEVEL: 'silent',
      OIDC_JWKS_URL: provider.jwksUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: provider.audience,
      OIDC_ROLE_CLAIM: 'roles',
      OIDC_CITIES_CLAIM: 'cities',
      OIDC_ROLE_MAP: 'crosswalk-admins:network_admin,crosswalk-operators:city_operator,urn:crosswalk:analyst:analyst',
    };
    app = await createServiceApp({ name: 'oidc-test', module: OidcTestModule, defaultPort: 0 });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await provider?.close();
    process.env = saved;
  });

  it('accepts the provider token and maps its claims to role and cities', async () => {
    expect(await whoAmI(await provider.sign('rsa-1', { sub: 'op-1', roles: ['crosswalk-operators'], cities: ['city-1', 'city-2'] }))).toEqual({
      status: 200,
      body: { subject: 'op-1', role: 'city_operator', cities: ['city-1', 'city-2'] },
    });
    expect((await whoAmI(await provider.sign('rsa-1', { sub: 'an-1', roles: ['urn:crosswalk:analyst'] }))).body).toMatchObject({ role: 'analyst' });
  });

  it('refuses an HS256 token with 401, whatever secret signed it', async () => {
    for (const secret of ['x'.repeat(32), 'integration-secret-integration-secret-0123']) {
      const token = signToken({ subject: 'dev', role: 'network_admin' }, { secret, issuer: provider.issuer, audience: provider.audience });
      expect(await whoAmI(token)).toEqual({
        status: 401,
        body: expect.objectContaining({ code: 'unauthorized', detail: 'invalid token: algorithm not allowed' }),
      });
    }
  });

  it('answers 403 to a valid token whose roles map to nothing, and to an operator without cities', async () => {
    expect(await whoAmI(await provider.sign('rsa-1', { sub: 'eve', roles: ['payroll'] }))).toEqual({
      status: 403,
      body: expect.objectContaining({ code: 'forbidden', detail: 'Token grants no Crosswalk role' }),
    });
    expect((await whoAmI(await provider.sign('rsa-1', { sub: 'op-2', roles: ['crosswalk-operators'] }))).status).toBe(403);
  });
});

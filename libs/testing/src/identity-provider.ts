import { type AddressInfo } from 'node:net';
import { type Server, createServer } from 'node:http';
import { type JWK, type JWTPayload, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

export type ProviderAlgorithm = 'RS256' | 'ES256';

interface ProviderKey {
  alg: ProviderAlgorithm;
  privateKey: KeyLike;
  jwk: JWK;
}

/**
 * A stand-in OpenID Connect provider for tests: serves a JWKS on 127.0.0.1 (random port), signs tokens with
 * any of its keys, publishes whichever keys a test chooses (rotation) and counts the key set fetches.
 */
export interface TestIdentityProvider {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** JWKS requests answered so far. */
  readonly fetches: number;
  /** Creates a key (not yet published). */
  addKey(kid: string, alg: ProviderAlgorithm): Promise<void>;
  /** The key set now served: exactly these keys. */
  publish(...kids: string[]): void;
  /** A token signed by `kid` with the provider's issuer and audience, valid for an hour unless `claims` says otherwise. */
  sign(kid: string, claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  const keys = new Map<string, ProviderKey>();
  let published: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/`;
  const audience = 'crosswalk-api';

  return {
    jwksUrl: `${origin}/jwks`,
    issuer,
    audience,
    get fetches() {
      return fetches;
    },
    async addKey(kid, alg) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      keys.set(kid, { alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
    },
    publish(...kids) {
      published = kids.map((kid) => {
        const key = keys.get(kid);
        if (!key) throw new Error(`no key ${kid}`);
        return key.jwk;
      });
    },
    async sign(kid, claims) {
      const key = keys.get(kid);
      if (!key) throw new Error(`no key ${kid}`);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, aud: audience, iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' })
        .sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

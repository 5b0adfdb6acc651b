// The gateway in-process on a real port, in front of small real HTTP servers standing in for the services.
// Nothing of the gateway is mocked: requests go through Express, Nest's guard/filter/middleware and the
// node:http proxy exactly as in production.
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { type AuthSettings, signToken } from '@crosswalk/auth';
import { createServiceApp } from '@crosswalk/platform';
import { pollUntil } from '@crosswalk/testing';

const SECRET = 'gateway-integration-test-secret-0123456789';
const AUTH: AuthSettings = { secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface UpstreamOptions {
  /** Answered at /docs/json; 404 when absent. */
  document?: object;
  /** Never answer /v1 requests (a stuck service). */
  hang?: boolean;
}

/** A stand-in service: records every /v1 request it receives and echoes what it got. */
class FakeService {
  readonly seen: SeenRequest[] = [];
  docsRequests = 0;
  /** Requests whose connection closed before this service answered. */
  abandoned = 0;
  url = '';
  private readonly server: http.Server;

  private constructor(
    readonly name: string,
    private readonly options: UpstreamOptions,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res, this.options));
  }

  static async start(name: string, options: UpstreamOptions = {}): Promise<FakeService> {
    const service = new FakeService(name, options);
    await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
    service.url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
    return service;
  }

  private handle(req: IncomingMessage, res: ServerResponse, options: UpstreamOptions): void {
    const url = req.url ?? '/';
    if (url === '/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      return;
    }
    if (url === '/docs/json') {
      this.docsRequests += 1;
      if (!options.document) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.document));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      this.seen.push({ method: req.method ?? '', url, headers: req.headers, body });
      if (options.hang) {
        res.on('close', () => (this.abandoned += 1));
        return;
      }
      if (url.includes('/missing')) {
        res.writeHead(404, { 'content-type': 'application/problem+json', 'x-upstream': this.name });
        res.end(JSON.stringify(upstreamProblem(this.name)));
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'x-upstream': this.name,
        'set-cookie': ['a=1', 'b=2'],
      });
      res.end(
        JSON.stringify({
          upstream: this.name,
          method: req.method,
          url,
          length: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
        }),
      );
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A URL where nothing listens: a port that was just free. */
async function closedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function startGateway(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, { JWT_SECRET: SECRET, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  // Imported only now: PlatformModule.forService reads LOG_LEVEL when the module is declared.
  const { gatewayDefinition } = await import('../src/gateway.definition');
  const app = await createServiceApp(gatewayDefinition());
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

function token(subject = 'admin-1', expiresIn?: number): string {
  return signToken({ subject, role: 'network_admin', ...(expiresIn !== undefined && { expiresIn }) }, AUTH);
}

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

/** What a service answers for an unknown record; the gateway must pass it on as it is. */
function upstreamProblem(service: string): Record<string, unknown> {
  return {
    type: 'https://crosswalk.dev/problems/not_found',
    title: 'Not found',
    status: 404,
    detail: `no such thing in ${service}`,
    instance: '/v1/registrations/missing',
    code: 'not_found',
    requestId: `${service}-request`,
  };
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  service?: string;
}

async function expectProblem(response: Response, status: number, code: string, detail: RegExp): Promise<ProblemBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await response.json()) as ProblemBody;
  expect(body).toMatchObject({ type: `https://crosswalk.dev/problems/${code}`, status, code, instance: new URL(response.url).pathname });
  expect(body.title).toBeTruthy();
  expect(body.detail).toMatch(detail);
  expect(body.requestId).toBeTruthy();
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

const schoolsDocument = {
  openapi: '3.0.0',
  info: { title: 'Crosswalk schools', version: '1' },
  paths: {
    '/v1/schools': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateDto' } } } } } },
  },
  components: { schemas: { CreateDto: { type: 'object', properties: { name: { type: 'string' } } } } },
};
const eventsDocument = {
  openapi: '3.0.0',
  info: { title: 'Crosswalk events', version: '1' },
  paths: {
    '/v1/events': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateDto' } } } } } },
  },
  components: { schemas: { CreateDto: { type: 'object', properties: { title: { type: 'string' } } } } },
};

describe('gateway', () => {
  const savedEnv = { ...process.env };
  let schools: FakeService;
  let events: FakeService;
  let stuck: FakeService;
  let gateway: { app: INestApplication; url: string };

  beforeAll(async () => {
    schools = await FakeService.start('schools', { document: schoolsDocument });
    events = await FakeService.start('events', { document: eventsDocument });
    stuck = await FakeService.start('colocations', { hang: true });
    gateway = await startGateway({
      SCHOOLS_URL: schools.url,
      EVENTS_URL: events.url,
      FELLOWSHIPS_URL: await closedUrl(),
      COLOCATIONS_URL: stuck.url,
      METRICS_URL: await closedUrl(),
      UPSTREAM_TIMEOUT_MS: '500',
      RATE_LIMIT_PER_MINUTE: '10000',
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await Promise.all([schools, events, stuck].map((service) => service?.stop()));
    process.env = savedEnv;
  });

  describe('authentication before proxying', () => {
    it('refuses a request without a token, an expired token and a token signed with another secret', async () => {
      const before = schools.seen.length;
      const body = JSON.stringify({ name: 'Lincoln High' });
      const post = (headers: Record<string, string>) =>
        fetch(`${gateway.url}/v1/schools`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

      await expectProblem(await post({}), 401, 'unauthorized', /missing bearer token/i);
      await expectProblem(await post(bearer(token('admin-1', -60))), 401, 'unauthorized', /expired/i);
      const forged = signToken({ subject: 'admin-1', role: 'network_admin' }, { ...AUTH, secret: 'another-secret-of-at-least-32-characters!' });
      await expectProblem(await post(bearer(forged)), 401, 'unauthorized', /invalid signature/i);
      await expectProblem(await post({ authorization: 'Basic YWRtaW46YWRtaW4=' }), 401, 'unauthorized', /missing bearer token/i);

      expect(schools.seen.length).toBe(before);
    });
  });

  describe('public routes', () => {
    const offer = '/v1/offers/eyJyIjoiMSJ9.c2lnbmF0dXJl';

    it('forwards the offer links of emails to events without a token, method, path and query as sent', async () => {
      const before = events.seen.length;
      const followed = await fetch(`${gateway.url}${offer}/accept?via=mail`, { headers: { accept: 'text/html' } });
      expect(followed.status).toBe(200);
      expect(await followed.json()).toMatchObject({ upstream: 'events', method: 'GET', url: `${offer}/accept?via=mail` });
      const posted = await fetch(`${gateway.url}${offer}/decline`, { method: 'POST' });
      expect(posted.status).toBe(201);
      expect(await posted.json()).toMatchObject({ upstream: 'events', method: 'POST', url: `${offer}/decline` });
      expect(events.seen.slice(before).map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
        ['GET', `${offer}/accept?via=mail`, undefined],
        ['POST', `${offer}/decline`, undefined],
      ]);
    });

    it('still wants a token on every other path and method, the offers prefix included', async () => {
      const before = [schools.seen.length, events.seen.length];
      for (const [method, path] of [
        ['DELETE', `${offer}/accept`],
        ['PUT', `${offer}/decline`],
        ['GET', `${offer}/withdraw`],
        ['GET', offer],
        ['GET', `${offer}/accept/more`],
        ['GET', '/v1/notifications'],
        ['POST', '/v1/notifications/deliveries'],
        ['GET', '/v1/registrations/r1'],
        ['GET', '/v1/schools'],
      ]) {
        await expectProblem(await fetch(`${gateway.url}${path}`, { method }), 401, 'unauthorized', /missing bearer token/i);
      }
      expect([schools.seen.length, events.seen.length]).toEqual(before);
      const withToken = await fetch(`${gateway.url}/v1/notifications?personId=p1`, { headers: bearer(token()) });
      expect(await withToken.json()).toMatchObject({ upstream: 'events', url: '/v1/notifications?personId=p1' });
    });
  });

  describe('proxying with a valid token', () => {
    it('passes method, path, query, body bytes and headers through and returns the upstream answer', async () => {
      // Deliberately not canonical JSON: a gateway that parsed and re-serialised the body would change it.
      const body = '{ "name" :  "Lincoln High",\n  "sector": "charter", "cityId": "c1" }';
      const path = '/v1/schools?cityId=c%201&sector=charter&sector=district';
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        body,
        headers: {
          ...bearer(token()),
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': 'test-request-1',
          'x-correlation-id': 'test-correlation-1',
          'x-custom': 'kept',
        },
      });

      expect(response.status).toBe(201);
      expect(response.headers.get('x-upstream')).toBe('schools');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(response.headers.get('x-request-id')).toBe('test-request-1');
      expect(await response.json()).toEqual({
        upstream: 'schools',
        method: 'POST',
        url: path,
        length: Buffer.byteLength(body),
        sha256: createHash('sha256').update(body).digest('hex'),
      });

      const seen = schools.seen.at(-1);
      expect(seen?.method).toBe('POST');
      expect(seen?.url).toBe(path);
      expect(seen?.body.toString('utf8')).toBe(body);
      expect(seen?.headers).toMatchObject({
        authorization: expect.stringMatching(/^Bearer \S+$/),
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'x-request-id': 'test-request-1',
        'x-correlation-id': 'test-correlation-1',
        'x-custom': 'kept',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
      });
      expect(seen?.headers.host).toBe(new URL(schools.url).host);
    });

    it('sends the very token the client sent', async () => {
      const sent = token('admin-2');
      await fetch(`${gateway.url}/v1/cities`, { headers: bearer(sent) });
      expect(schools.seen.at(-1)?.headers.authorization).toBe(`Bearer ${sent}`);
    });

    it('generates a request id when the client sends none and gives the upstream and the client the same one', async () => {
      const response = await fetch(`${gateway.url}/v1/events/e1`, { headers: bearer(token()) });
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(UUID);
      const seen = events.seen.at(-1);
      expect(seen?.url).toBe('/v1/events/e1');
      expect(seen?.headers['x-request-id']).toBe(requestId);
      expect(seen?.headers['x-correlation-id']).toBe(requestId);
    });

    it('streams bodies far above a JSON parser limit, also of unknown length (chunked)', async () => {
      const json = JSON.stringify({ rows: Array.from({ length: 40_000 }, (_, i) => ({ i, name: `school ${i}` })) });
      expect(json.length).toBeGreaterThan(1_000_000);
      const sized = await fetch(`${gateway.url}/v1/imports`, {
        method: 'POST',
        body: json,
        headers: { ...bearer(token()), 'content-type': 'application/json' },
      });
      expect(sized.status).toBe(201);
      expect(await sized.json()).toMatchObject({ length: json.length, sha256: createHash('sha256').update(json).digest('hex') });

      const bytes = randomBytes(3 * 1024 * 1024);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 64 * 1024) controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
          controller.close();
        },
      });
      const chunked = await fetch(`${gateway.url}/v1/imports`, {
        method: 'PUT',
        body: stream,
        duplex: 'half',
        headers: { ...bearer(token()), 'content-type': 'application/octet-stream' },
      } as RequestInit);
      expect(chunked.status).toBe(200);
      expect(await chunked.json()).toMatchObject({ method: 'PUT', length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(schools.seen.at(-1)?.headers['transfer-encoding']).toBe('chunked');
    });

    it('passes HEAD through without a body', async () => {
      const response = await fetch(`${gateway.url}/v1/people/p1`, { method: 'HEAD', headers: bearer(token()) });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-upstream')).toBe('schools');
      expect(await response.text()).toBe('');
      expect(schools.seen.at(-1)).toMatchObject({ method: 'HEAD', url: '/v1/people/p1' });
    });

    it('returns an upstream problem document unchanged', async () => {
      const response = await fetch(`${gateway.url}/v1/registrations/missing`, { method: 'DELETE', headers: bearer(token()) });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-upstream')).toBe('events');
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toEqual(upstreamProblem('events'));
      expect(events.seen.at(-1)?.method).toBe('DELETE');
    });
  });

  describe('public paths (routing/public-routes.ts)', () => {
    const secret = randomBytes(32).toString('base64url');

    it('forwards a calendar subscription URL without a token, path and query as sent', async () => {
      const path = `/v1/calendars/subscriptions/${secret}.ics?refresh=1`;
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-upstream')).toBe('events');
      expect(events.seen.at(-1)).toMatchObject({ method: 'GET', url: path });
      expect(events.seen.at(-1)?.headers.authorization).toBeUndefined();
      const head = await fetch(`${gateway.url}/v1/calendars/subscriptions/${secret}.ics`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    });

    it('still wants a token for every other path and method, calendars included, and calls no service', async () => {
      const before = [schools.seen.length, events.seen.length];
      const refused: [string, string][] = [
        ['POST', `/v1/calendars/subscriptions/${secret}.ics`],
        ['DELETE', `/v1/calendars/subscriptions/${secret}.ics`],
        ['GET', '/v1/calendars/subscriptions'],
        ['POST', '/v1/calendars/subscriptions'],
        ['GET', `/v1/calendars/subscriptions/${secret}`],
        ['GET', `/v1/calendars/subscriptions/${secret}.ics/more`],
        ['GET', `/v1/calendars/subscriptions/a/${secret}.ics`],
        ['GET', `/v1/calendars/cities/${secret}.ics`],
        ['GET', `/v1/calendars/people/${secret}.ics`],
        ['GET', `/v1/events/${secret}.ics`],
        ['GET', '/v1/schools'],
      ];
      for (const [method, path] of refused) {
        const response = await fetch(`${gateway.url}${path}`, { method });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
      expect([schools.seen.length, events.seen.length]).toEqual(before);
    });

    it('answers a public-looking path whose prefix no service owns with 404, calling no service', async () => {
      const before = events.seen.length;
      await expectProblem(await fetch(`${gateway.url}/v1/CALENDARS/subscriptions/${secret}.ics`), 404, 'not_found', /No service serves/);
      expect(events.seen.length).toBe(before);
    });
  });

  describe('routing failures', () => {
    it('answers 404 as a problem document for a /v1 prefix no service owns, without calling any service', async () => {
      const before = [schools.seen.length, events.seen.length];
      await expectProblem(await fetch(`${gateway.url}/v1/unknown/1`, { headers: bearer(token()) }), 404, 'not_found', /\/v1\/unknown\/1/);
      await expectProblem(await fetch(`${gateway.url}/v1/schoolsX`, { headers: bearer(token()) }), 404, 'not_found', /\/v1\/schoolsX/);
      expect([schools.seen.length, events.seen.length]).toEqual(before);
    });

    it('answers 502 naming the service when it is unreachable', async () => {
      const body = await expectProblem(
        await fetch(`${gateway.url}/v1/cohorts`, { headers: bearer(token()) }),
        502,
        'upstream_unavailable',
        /fellowships is unreachable/,
      );
      expect(body.service).toBe('fellowships');
    });

    it('answers 504 naming the service when it does not answer in time', async () => {
      const started = Date.now();
      const body = await expectProblem(
        await fetch(`${gateway.url}/v1/sites/s1`, { headers: bearer(token()) }),
        504,
        'upstream_timeout',
        /colocations did not answer within 500 ms/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(body.service).toBe('colocations');
      expect(stuck.seen.at(-1)?.url).toBe('/v1/sites/s1');
    });

    it('stops the upstream request when the client goes away', async () => {
      const [seen, abandoned] = [stuck.seen.length, stuck.abandoned];
      const abort = new AbortController();
      const pending = fetch(`${gateway.url}/v1/colocations/c1`, { headers: bearer(token()), signal: abort.signal }).catch((error: unknown) => error);
      await pollUntil(() => stuck.seen.length > seen, Boolean, { timeoutMs: 2_000, description: 'the upstream to receive the request' });
      abort.abort();
      expect(await pending).toMatchObject({ name: 'AbortError' });
      // Well before the 500 ms upstream time-out would have closed it.
      await pollUntil(() => stuck.abandoned > abandoned, Boolean, { timeoutMs: 300, description: 'the upstream connection to close' });
    });
  });

  describe('combined documentation', () => {
    it('merges the services’ documents at /docs/json, without a token, naming the unreachable services', async () => {
      const response = await fetch(`${gateway.url}/docs/json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const document = (await response.json()) as {
        info: { title: string };
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
        'x-unavailable-services': string[];
      };
      expect(document.info.title).toBe('Crosswalk API');
      expect(Object.keys(document.paths)).toEqual(['/v1/events', '/v1/schools']);
      expect(Object.keys(document.components.schemas).sort()).toEqual(['events_CreateDto', 'schools_CreateDto']);
      expect(JSON.stringify(document.paths['/v1/schools'])).toContain('#/components/schemas/schools_CreateDto');
      expect(document['x-unavailable-services']).toEqual(['fellowships', 'colocations', 'metrics']);
    });

    it('reuses the combined document for a while instead of asking the services on every request', async () => {
      const before = schools.docsRequests;
      await Promise.all([1, 2, 3].map(() => fetch(`${gateway.url}/docs/json`).then((r) => r.json())));
      expect(schools.docsRequests - before).toBeLessThanOrEqual(1);
    });

    it('serves Swagger UI at /docs, loading the combined document', async () => {
      const page = await fetch(`${gateway.url}/docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger-ui-init.js');
      const init = await (await fetch(`${gateway.url}/docs/swagger-ui-init.js`)).text();
      // The UI embeds the document served on this request: the combined one, not the gateway's own.
      expect(init).toContain("Combined from the services' own documents");
      expect(init).not.toContain('Crosswalk gateway');
    });
  });

  describe('security headers', () => {
    it("are on the gateway's own answers and on proxied ones, without X-Powered-By", async () => {
      const answers = [
        await fetch(`${gateway.url}/v1/schools/anything`, { headers: bearer(token()) }),
        await fetch(`${gateway.url}/v1/schools`),
        await fetch(`${gateway.url}/docs`),
      ];
      expect(answers.map((a) => a.status)).toEqual([expect.any(Number), 401, 200]);
      for (const answer of answers) {
        expect(answer.headers.get('x-powered-by')).toBeNull();
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
      }
    });
  });

  describe('readiness', () => {
    it('is not ready while a service is down, and says which', async () => {
      const response = await fetch(`${gateway.url}/health/ready`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { code: string; checks: Record<string, string> };
      expect(body.code).toBe('service_unavailable');
      expect(body.checks['upstream:schools']).toBe('up');
      expect(body.checks['upstream:events']).toBe('up');
      expect(body.checks['upstream:fellowships']).toMatch(/^down: fellowships unreachable .*ECONNREFUSED/);
      expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    });
  });
});

describe('gateway rate limit on public routes', () => {
  const savedEnv = { ...process.env };
  let backend: FakeService;
  let gateway: { app: INestApplication; url: string };

  beforeAll(async () => {
    backend = await FakeService.start('events');
    gateway = await startGateway({
      SCHOOLS_URL: backend.url,
      EVENTS_URL: backend.url,
      FELLOWSHIPS_URL: backend.url,
      COLOCATIONS_URL: backend.url,
      METRICS_URL: backend.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '2',
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await backend?.stop();
    process.env = savedEnv;
  });

  it('gives each address a smaller allowance for links than for the API', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await fetch(`${gateway.url}/v1/offers/t${i}/accept`)).status);
    expect(statuses).toEqual([200, 200]);
    const refused = await fetch(`${gateway.url}/v1/offers/t3/decline`, { method: 'POST' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    await expectProblem(refused, 429, 'rate_limited', /2 requests per minute for links/);
    expect(backend.seen.length).toBe(2);
    // The API is not held back by it.
    expect((await fetch(`${gateway.url}/v1/events`, { headers: bearer(token()) })).status).toBe(200);
  });
});

describe('gateway rate limit', () => {
  const savedEnv = { ...process.env };
  let backend: FakeService;
  let gateway: { app: INestApplication; url: string };

  beforeAll(async () => {
    backend = await FakeService.start('schools');
    gateway = await startGateway({
      SCHOOLS_URL: backend.url,
      EVENTS_URL: backend.url,
      FELLOWSHIPS_URL: backend.url,
      COLOCATIONS_URL: backend.url,
      METRICS_URL: backend.url,
      RATE_LIMIT_PER_MINUTE: '3',
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await backend?.stop();
    process.env = savedEnv;
  });

  it('answers 429 with Retry-After once a client used its allowance, and limits each client separately', async () => {
    const limited = token('busy-user');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${gateway.url}/v1/schools`, { headers: bearer(limited) })).status);
    expect(statuses).toEqual([200, 200, 200]);

    const refused = await fetch(`${gateway.url}/v1/schools`, { headers: bearer(limited) });
    // 3 per minute: the next token arrives 20 s after the last one was taken.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(19);
    expect(retryAfter).toBeLessThanOrEqual(20);
    await expectProblem(refused, 429, 'rate_limited', /3 requests per minute/);
    expect(backend.seen.length).toBe(3);

    expect((await fetch(`${gateway.url}/v1/schools`, { headers: bearer(token('other-user')) })).status).toBe(200);
  });

  it('limits unauthenticated callers by address before checking their token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${gateway.url}/v1/schools`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('counts public paths against the same per-address allowance', async () => {
    const before = backend.seen.length;
    await expectProblem(
      await fetch(`${gateway.url}/v1/calendars/subscriptions/${randomBytes(32).toString('base64url')}.ics`),
      429,
      'rate_limited',
      /per minute/,
    );
    expect(backend.seen.length).toBe(before);
  });

  it('is ready when every service is ready', async () => {
    const response = await fetch(`${gateway.url}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body.checks).toEqual({
      'upstream:schools': 'up',
      'upstream:events': 'up',
      'upstream:fellowships': 'up',
      'upstream:colocations': 'up',
      'upstream:metrics': 'up',
    });
  });
});

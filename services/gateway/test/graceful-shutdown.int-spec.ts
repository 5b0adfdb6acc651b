// A graceful stop of the gateway with writes in flight (issue 18): the gateway used to destroy its upstream
// connection pool before its server stopped accepting, so writes its service had committed were answered 502.
// The gateway runs in-process; the service behind it is a real HTTP server that holds each write until the
// test releases it, then commits it (records it) and answers 201.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { signToken } from '@crosswalk/auth';
import { createServiceApp } from '@crosswalk/platform';
import { pollUntil } from '@crosswalk/testing';

const SECRET = 'gateway-shutdown-test-secret-0123456789abc';
const TOKEN = signToken({ subject: 'admin-1', role: 'network_admin' }, { secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' });

/** A service whose writes wait for `release()`; `committed` is its database. */
class HeldWrites {
  readonly committed: string[] = [];
  private readonly held: { id: string; res: ServerResponse }[] = [];
  private readonly server = http.createServer((req, res) => {
    if (req.url === '/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    req.resume();
    req.on('end', () => this.held.push({ id: `school-${this.held.length + this.committed.length + 1}`, res }));
  });
  url = '';

  get waiting(): number {
    return this.held.length;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Commits every held write, then answers it (a write is committed whether or not its answer arrives). */
  release(): void {
    for (const { id, res } of this.held.splice(0)) {
      this.committed.push(id);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    }
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Answer = { status: number; id?: string } | { status: 'no answer' };

describe('gateway graceful stop', () => {
  const savedEnv = { ...process.env };
  let service: HeldWrites;

  const startGateway = async (env: Record<string, string> = {}): Promise<{ app: INestApplication; url: string }> => {
    Object.assign(process.env, {
      JWT_SECRET: SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SCHOOLS_URL: service.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      ...env,
    });
    const { gatewayDefinition } = await import('../src/gateway.definition');
    const app = await createServiceApp(gatewayDefinition());
    await app.listen(0, '127.0.0.1');
    return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
  };

  const write = (url: string, i: number): Promise<Answer> =>
    fetch(`${url}/v1/schools`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `School ${i}` }),
    }).then(
      async (response) => ({ status: response.status, id: ((await response.json()) as { id?: string }).id }),
      () => ({ status: 'no answer' as const }),
    );

  /** Resolves once the gateway refuses new connections: the first step of its stop. */
  const refusingConnections = (url: string) =>
    pollUntil(
      () =>
        fetch(`${url}/health/live`, { headers: { connection: 'close' } }).then(
          () => 'accepting',
          () => 'refusing',
        ),
      (state) => state === 'refusing',
      { description: 'gateway refusing new connections' },
    );

  beforeEach(async () => {
    service = await new HeldWrites().start();
  });
  afterEach(() => service.stop());
  afterAll(() => {
    process.env = savedEnv;
  });

  it('stops accepting, lets every write in flight get its 201, and only then closes the upstream pool', async () => {
    const gateway = await startGateway();
    const writes = Array.from({ length: 20 }, (_, i) => write(gateway.url, i));
    await pollUntil(
      () => service.waiting,
      (n) => n === 20,
      { description: '20 writes held by the service' },
    );

    const stopping = gateway.app.close();
    await refusingConnections(gateway.url);
    // The writes are still in flight: the service commits and answers them only now.
    service.release();
    const answers = await Promise.all(writes);
    await stopping;

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(answers.map((a) => ('id' in a ? a.id : undefined)).sort()).toEqual([...service.committed].sort());
  });

  it('gives up on requests still in flight at the drain deadline by closing their connections, never with a 502', async () => {
    const gateway = await startGateway({ SHUTDOWN_DRAIN_MS: '300' });
    const writes = Array.from({ length: 5 }, (_, i) => write(gateway.url, i));
    await pollUntil(
      () => service.waiting,
      (n) => n === 5,
      { description: '5 writes held by the service' },
    );

    await gateway.app.close();
    const answers = await Promise.all(writes);

    expect(answers).toEqual(Array(5).fill({ status: 'no answer' }));
  });
});

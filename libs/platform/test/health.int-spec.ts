// Every service's health routes, as load balancers, `npm start` and the gateway read them: public, 200 with
// each readiness check "up", 503 naming what is down, and unreachable from the start of shutdown: the server
// stops accepting connections before the global modules (where the messaging relay drains) stop.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BeforeApplicationShutdown, Global, type INestApplication, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformModule, createServiceApp } from '../src';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function get(url: string): Promise<Answer> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const seenDuringShutdown: (Answer | 'connection refused')[] = [];
/** Set once the app listens (a closed server no longer reports its address). */
let listeningUrl = '';

/** Asks for readiness from a global module's shutdown hook: the messaging module's relay drains in one. */
@Injectable()
class ReadinessAtShutdown implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    seenDuringShutdown.push(await get(`${listeningUrl}/health/ready`).catch(() => 'connection refused' as const));
  }
}

@Global()
@Module({ providers: [ReadinessAtShutdown] })
class ShutdownProbeModule {}

@Module({
  imports: [PlatformModule.forService({ name: 'health-test', database: { entities: [], migrations: [] } }), ShutdownProbeModule],
})
class HealthTestModule {}

describe('health routes', () => {
  const saved = { ...process.env };
  let dir: string;
  let app: INestApplication | undefined;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-health-'));
    Object.assign(process.env, { JWT_SECRET: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9', DATA_DIR: dir, LOG_LEVEL: 'warn' });
    delete process.env.DATABASE_URL;
    app = await createServiceApp({ name: 'health-test', module: HealthTestModule, defaultPort: 0 });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    listeningUrl = url;
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers live and ready without a token, with each check up', async () => {
    expect(await get(`${url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${url}/health/ready`)).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'up' } } });
  });

  it('is not ready while the database is gone, and says so; live stays 200', async () => {
    const dataSource = app?.get(DataSource);
    await dataSource?.destroy();
    const down = await get(`${url}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 503, code: 'service_unavailable', detail: 'Not ready', checks: { database: expect.stringMatching(/^down: /) } });
    expect((await get(`${url}/health/live`)).status).toBe(200);
    await dataSource?.initialize();
    expect((await get(`${url}/health/ready`)).status).toBe(200);
  });

  it('takes no new connection once shutdown has started, before the shutdown hooks run', async () => {
    await app?.close();
    app = undefined;
    expect(seenDuringShutdown).toEqual(['connection refused']);
  });
});

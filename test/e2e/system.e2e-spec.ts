/**
 * The whole system as `npm start` runs it: dev Kafka cluster, every service on fresh SQLite files, the
 * gateway — real processes, driven only through HTTP. Proves the foundation's acceptance criteria.
 */
import type { ChildProcess } from 'node:child_process';
import { signToken, type TokenRequest } from '@crosswalk/auth';
import { descendantPids, isAlive, pollUntil } from '@crosswalk/testing';
import { type RunningSystem, call, startSystem, token } from './support';

const admin = token({ role: 'network_admin' });
let running: RunningSystem;
let system: ChildProcess;
let gateway: string;
let schools: string;

beforeAll(async () => {
  running = await startSystem();
  system = running.process;
  gateway = running.gateway;
  schools = `http://127.0.0.1:${running.portBase + 1}`;
}, 200_000);

afterAll(() => running?.stop());

describe('the running system', () => {
  it('answers /health/ready through the gateway', async () => {
    const ready = await call(gateway, '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });

  it('carries an event from the schools service to the metrics service over Kafka', async () => {
    const created = await call(gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Denver', state: 'CO' } });
    expect(created.status).toBe(201);
    const seen = await pollUntil(
      () => call(gateway, '/v1/metrics/cities?limit=200', { token: admin }),
      (r) => r.status === 200 && r.body.items.some((c: { id: string }) => c.id === created.body.id),
      { timeoutMs: 30_000, description: 'metrics to learn of the new city' },
    );
    expect(seen.body.items.find((c: { id: string }) => c.id === created.body.id)).toMatchObject({ name: 'Denver', state: 'CO' });
  });

  it('serves /metrics only on each process metrics port (HTTP port + 10), not through the gateway', async () => {
    for (const base of [gateway, schools]) expect((await fetch(`${base}/metrics`)).status).toBe(404);
    for (const port of [running.portBase + 10, running.portBase + 11]) {
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('crosswalk_http_request_duration_seconds');
    }
  });

  it('refuses a request without a token at the gateway and at the service (401)', async () => {
    for (const base of [gateway, schools]) {
      const response = await call(base, '/v1/cities');
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toMatchObject({ status: 401, code: 'unauthorized', detail: 'Missing bearer token', instance: '/v1/cities' });
    }
  });

  it('refuses an expired or wrongly signed token (401)', async () => {
    const expired = token({ role: 'network_admin', expiresIn: -60 as unknown as TokenRequest['expiresIn'] });
    const forged = signToken(
      { subject: 'mallory', role: 'network_admin' },
      { issuer: 'crosswalk', audience: 'crosswalk-api', secret: 'not-the-secret-not-the-secret-012345' },
    );
    for (const bad of [expired, forged]) {
      expect((await call(gateway, '/v1/cities', { token: bad })).status).toBe(401);
      expect((await call(schools, '/v1/cities', { token: bad })).status).toBe(401);
    }
  });

  it("gives a city operator 404 on another city's record, like an unknown id, and 200 on its own", async () => {
    const a = await call(gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Camden', state: 'NJ' } });
    const b = await call(gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Boston', state: 'MA' } });
    const operatorOfA = token({ role: 'city_operator', cities: [a.body.id] });
    const other = await call(gateway, `/v1/cities/${b.body.id}`, { token: operatorOfA });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'not_found', detail: `City ${b.body.id} not found` });
    expect((await call(gateway, `/v1/cities/${a.body.id}`, { token: operatorOfA })).status).toBe(200);
    const listed = await call(gateway, '/v1/cities', { token: operatorOfA });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.id]);
  });

  it('answers 400 naming the field for an unknown field or a wrong type', async () => {
    const unknown = await call(gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Tulsa', state: 'OK', mayor: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ status: 400, code: 'validation_failed', title: 'Invalid request', detail: 'Invalid request: mayor' });
    expect(unknown.body.errors).toEqual([{ field: 'mayor', messages: ['property mayor should not exist'] }]);
    const wrongType = await call(gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 42, state: 'OK' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors.map((f: { field: string }) => f.field)).toEqual(['name']);
    const cities = await call(gateway, '/v1/cities?limit=200', { token: admin });
    expect(cities.body.items.some((c: { name: string }) => c.name === 'Tulsa')).toBe(false);
  });

  it('stops every process on SIGTERM', async () => {
    const pids = descendantPids(system.pid!);
    expect(pids.length).toBeGreaterThanOrEqual(7); // dev-kafka (+ its C process), five services, gateway
    const exited = new Promise<number | null>((done) => system.once('exit', (code) => done(code)));
    system.kill('SIGTERM');
    expect(await exited).toBe(0);
    await pollUntil(
      () => pids.filter(isAlive),
      (alive) => alive.length === 0,
      { timeoutMs: 20_000, description: 'no process left' },
    );
  });
});

// The gateway serving the operator console's built files: a real gateway on a real port, reading a console
// folder written by the test (the real build is checked by the browser e2e test), with no service behind it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@crosswalk/platform';

const SECRET = 'gateway-console-test-secret-0123456789abcdef';
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const BUNDLE = 'console.log("console bundle");';

async function closedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('gateway: the operator console at /', () => {
  const savedEnv = { ...process.env };
  const consoleDir = mkdtempSync(join(tmpdir(), 'crosswalk-console-'));
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), INDEX);
    writeFileSync(join(consoleDir, 'assets', 'index-Ab12Cd34.js'), BUNDLE);
    writeFileSync(join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(tmpdir(), 'console-outside.txt'), 'secret outside the console folder');
    const nowhere = await closedUrl();
    Object.assign(process.env, {
      JWT_SECRET: SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      CONSOLE_DIR: consoleDir,
      SCHOOLS_URL: nowhere,
      EVENTS_URL: nowhere,
      FELLOWSHIPS_URL: nowhere,
      COLOCATIONS_URL: nowhere,
      METRICS_URL: nowhere,
    });
    const { gatewayDefinition } = await import('../src/gateway.definition');
    app = await createServiceApp(gatewayDefinition());
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(consoleDir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'console-outside.txt'), { force: true });
    process.env = savedEnv;
  });

  it('answers / with index.html, to be revalidated on every visit', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    // The platform's security headers apply to the console too: same-origin scripts only, never framed.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves hashed assets for a year, immutable', async () => {
    const response = await fetch(`${base}/assets/index-Ab12Cd34.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(BUNDLE);
  });

  it('answers a repeated request with the same ETag with 304', async () => {
    const first = await fetch(`${base}/assets/index-Ab12Cd34.js`);
    await first.arrayBuffer();
    const again = await fetch(`${base}/assets/index-Ab12Cd34.js`, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('serves other files at the root without the immutable caching', async () => {
    const response = await fetch(`${base}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for the console’s own paths, so a shared link opens its view', async () => {
    const response = await fetch(`${base}/directory/schools?city=c1&page=2`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it('answers a missing asset with 404, not with HTML', async () => {
    const response = await fetch(`${base}/assets/index-Old99999.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toContain('text/html');
  });

  it('never shadows the gateway’s own paths', async () => {
    const api = await fetch(`${base}/v1/cities`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const unknownApi = await fetch(`${base}/v1/nothing-here`);
    expect(unknownApi.headers.get('content-type')).not.toContain('text/html');
    const docs = await fetch(`${base}/docs/json`);
    expect(docs.status).toBe(200);
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    const health = await fetch(`${base}/health/live`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toContain('application/json');
    // /metrics is served on the metrics port only (issue 18); here it stays a 404, never the console page.
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain('<!doctype html>');
  });

  it('serves nothing outside its folder', async () => {
    for (const path of ['/..%2fconsole-outside.txt', '/%2e%2e/console-outside.txt', '/assets/..%2f..%2fconsole-outside.txt']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text()).not.toContain('secret outside');
    }
  });

  it('leaves other methods to the gateway', async () => {
    const response = await fetch(`${base}/`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});

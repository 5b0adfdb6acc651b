// Prometheus metrics are not public (issue 18): the gateway's public port answers 404 for /metrics, with or
// without a token, and the metrics port (METRICS_PORT, not routed by the gateway) serves them and nothing else.
import type { INestApplication } from '@nestjs/common';
import { signToken } from '@crosswalk/auth';
import { MetricsServer } from '@crosswalk/observability';
import { createServiceApp } from '@crosswalk/platform';

const SECRET = 'gateway-metrics-test-secret-0123456789abcd';
const TOKEN = signToken({ subject: 'admin-1', role: 'network_admin' }, { secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' });

describe('gateway /metrics', () => {
  const savedEnv = { ...process.env };
  let app: INestApplication;
  let url: string;
  let metricsUrl: string;

  beforeAll(async () => {
    Object.assign(process.env, { JWT_SECRET: SECRET, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const { gatewayDefinition } = await import('../src/gateway.definition');
    app = await createServiceApp(gatewayDefinition());
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    metricsUrl = await app.get(MetricsServer).listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('is 404 on the public port, with or without a token', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
  });

  it('is served on the metrics port, which serves nothing else', async () => {
    const response = await fetch(`${metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(/^crosswalk_http_request_duration_seconds_count\{[^}]*route="\/health\/live"/m);
    for (const path of ['/health/live', '/v1/schools', '/docs']) expect((await fetch(`${metricsUrl}${path}`)).status).toBe(404);
  });
});

import type { INestApplication } from '@nestjs/common';
import { MetricsServer } from '@crosswalk/observability';
import { createServiceApp, type ServiceDefinition } from '@crosswalk/platform';

export const TEST_JWT_SECRET = 'integration-secret-integration-secret-0123';

export interface RunningApp {
  app: INestApplication;
  url: string;
  /** Where its Prometheus `/metrics` is served (a port of its own, as in production). */
  metricsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a service in-process on a free port. Configuration is read from process.env when the app is
 * built, so the given variables are set first; start apps one after another, not concurrently.
 */
export async function startServiceApp(definition: ServiceDefinition, env: Record<string, string | undefined>): Promise<RunningApp> {
  const values: Record<string, string | undefined> = { JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', ...env };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const app = await createServiceApp(definition);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const metricsUrl = await app.get(MetricsServer).listen(0, '127.0.0.1');
  metricsUrls.set(url, metricsUrl);
  return { app, url, metricsUrl, close: () => app.close() };
}

/** Service URL -> metrics URL of the apps started here, so helpers given a service's URL find its metrics. */
const metricsUrls = new Map<string, string>();

/** How many records a running service's inbox consumer counted with this outcome, read from its Prometheus `/metrics` (metrics port). */
export async function inboxOutcomeCount(
  serviceUrl: string,
  consumer: string,
  outcome: 'applied' | 'duplicate' | 'no-handler' | 'filtered' | 'dead-lettered',
): Promise<number> {
  const metricsUrl = metricsUrls.get(serviceUrl);
  if (!metricsUrl) throw new Error(`${serviceUrl} was not started by startServiceApp: its metrics port is unknown`);
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const line = new RegExp(`^crosswalk_inbox_records_total\\{[^}]*consumer="${consumer}"[^}]*outcome="${outcome}"[^}]*\\} (\\d+)$`, 'm');
  return Number(line.exec(text)?.[1] ?? 0);
}

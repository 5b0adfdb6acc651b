import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, type NestMiddleware, type OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, collectDefaultMetrics, register } from 'prom-client';

let defaultsCollected = false;
/** Process metrics once per process (several apps in one test process share the registry). */
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

function httpHistogram(): Histogram<'method' | 'route' | 'status'> {
  const existing = register.getSingleMetric('crosswalk_http_request_duration_seconds');
  if (existing) return existing as Histogram<'method' | 'route' | 'status'>;
  return new Histogram({
    name: 'crosswalk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly histogram = httpHistogram();

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.histogram.startTimer();
    res.on('finish', () => {
      // The matched route pattern, never the raw URL: ids in paths would explode the label set.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
    });
    next();
  }
}

/**
 * Prometheus `/metrics` on a port of its own (METRICS_PORT), never on the service's API port: route counts,
 * outbox backlog and versions are for Prometheus, not for whoever reaches the gateway or a service. Nothing
 * else is served there. It stays up while the app drains and closes with the app's last hooks.
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private server?: Server;

  /** Starts serving; resolves to the base URL (port 0: a free port). */
  async listen(port: number, host: string): Promise<string> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      register.metrics().then(
        (text) => res.writeHead(200, { 'content-type': register.contentType }).end(text),
        () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

import { Controller, Get, Header, Injectable, type NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from './public-route';
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

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}

import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import { type GatewayConfig } from '../gateway.config';
import { openConsoleFile, resolveConsoleFile } from './console-files';

/**
 * Serves the operator console (services/console, built to CONSOLE_DIR) at `/`: its hashed assets with a year's
 * caching, index.html for every other non-API path. No token is needed for these files: they hold no data; the
 * console then calls /v1 with the user's token like any client.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root: string;

  constructor(@Inject(PLATFORM_CONFIG) config: GatewayConfig) {
    this.root = resolve(config.CONSOLE_DIR);
    if (!existsSync(resolve(this.root, 'index.html'))) {
      new Logger('Console').warn({ msg: `No console built in ${this.root}: / answers 404 (build it with npm run build)`, consoleDir: this.root });
    }
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = resolveConsoleFile(this.root, req.path);
    if (!file) return next();
    const etag = `W/"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}"`;
    res.setHeader('Cache-Control', file.cacheControl);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', file.mtime.toUTCString());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    if (req.method === 'HEAD') {
      res.status(200).end();
      return;
    }
    res.status(200);
    const stream = openConsoleFile(file);
    stream.on('error', (error) => next(error));
    stream.pipe(res);
  }
}

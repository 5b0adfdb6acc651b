import type { Server, ServerResponse } from 'node:http';
import { Logger, type NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';

export const DEFAULT_SHUTDOWN_DRAIN_MS = 10_000;

/** SHUTDOWN_DRAIN_MS as validated by HttpServiceConfig (runService refuses a bad value before this is read). */
export function shutdownDrainMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SHUTDOWN_DRAIN_MS);
  return env.SHUTDOWN_DRAIN_MS && Number.isInteger(value) && value >= 0 ? value : DEFAULT_SHUTDOWN_DRAIN_MS;
}

/**
 * Express adapter whose stop comes in order. Nest's own close runs module destroy hooks (the gateway's
 * upstream connection pool, consumers) before it closes the HTTP server, so requests still in flight lost
 * their upstream or database and were answered 502 although their writes had committed. Here the first step
 * of every close (Nest's `beforeClose`, awaited before any hook) stops accepting connections and waits, up to
 * the drain deadline, for the requests in flight to be answered; only then do the hooks close pools.
 */
export class DrainingExpressAdapter extends ExpressAdapter {
  private readonly shutdownLog = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly drainMs: number) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    const server = this.getHttpServer() as Server;
    server.on('request', (_req, res: ServerResponse) => {
      this.inFlight.add(res);
      // While draining, a request that still arrives on an open connection is served, then its connection closed.
      if (this.draining) res.setHeader('Connection', 'close');
      res.on('close', () => {
        this.inFlight.delete(res);
        // Kept-alive connections that just went idle would otherwise hold server.close() open.
        if (this.draining) setImmediate(() => server.closeIdleConnections());
      });
    });
  }

  override async beforeClose(): Promise<void> {
    super.beforeClose();
    const server = this.getHttpServer() as Server | undefined;
    if (!server?.listening || this.draining) return;
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const inFlightAtStop = this.inFlight.size;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), this.drainMs)));
    const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'deadline') {
      this.shutdownLog.warn(`${this.inFlight.size} request(s) still in flight after the ${this.drainMs} ms drain deadline: closing their connections`);
      server.closeAllConnections();
    } else if (inFlightAtStop > 0) {
      this.shutdownLog.log(`Drained ${inFlightAtStop} request(s) in flight at stop`);
    }
  }
}

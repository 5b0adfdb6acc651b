import { AsyncResource } from 'node:async_hooks';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentContext, redactUrlSecrets, requestIdOf } from '@crosswalk/observability';
import { PLATFORM_CONFIG, problemInstance, writeProblem } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { type GatewayConfig } from '../gateway.config';
import { type UpstreamName } from '../routing/route-table';
import { UPSTREAM_URLS, type UpstreamUrls, upstreamUrl } from '../upstreams/upstreams';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers';

class UpstreamTimeout extends Error {}

// Idle pooled sockets are closed before Node's default server keep-alive timeout (5 s) would close them
// on the upstream side; reusing a socket the server is closing fails the request with ECONNRESET.
const POOL_IDLE_MS = 4_000;

/**
 * Streams one request to its service and the answer back. Bodies are piped, never collected, so memory
 * per request is a few socket buffers whatever the body size, and back-pressure reaches both ends.
 */
@Injectable()
export class Forwarder implements OnModuleDestroy {
  private readonly logger = new Logger('Proxy');
  private readonly timeoutMs: number;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, timeout: POOL_IDLE_MS, scheduling: 'lifo' }),
    https: new https.Agent({ keepAlive: true, timeout: POOL_IDLE_MS, scheduling: 'lifo' }),
  };

  constructor(
    @Inject(UPSTREAM_URLS) private readonly urls: UpstreamUrls,
    @Inject(PLATFORM_CONFIG) config: GatewayConfig,
  ) {
    this.timeoutMs = config.UPSTREAM_TIMEOUT_MS;
  }

  /**
   * Settles when the exchange is over and never rejects: failures before the answer started become a
   * 502/504 problem document; later ones can only cut the connection, so the client sees
   * a truncated answer instead of a corrupted one.
   */
  forward(req: Request, res: Response, upstream: UpstreamName): Promise<void> {
    const started = performance.now();
    const target = upstreamUrl(this.urls[upstream], req.originalUrl);
    const context = currentContext();
    const requestId = context?.requestId ?? requestIdOf(req);
    const secure = target.protocol === 'https:';
    const transport = secure ? https : http;

    return new Promise<void>((resolve) => {
      let finished = false;
      // Set once the upstream's status line arrived: from then on the answer is the upstream's.
      let answered = false;
      let clientGone = false;
      // Socket events fire in whatever async context created the (pooled) socket, possibly another
      // request's; binding keeps this request's ids in the logs and the error body.
      const bind = <A extends unknown[]>(fn: (...args: A) => void) => AsyncResource.bind(fn);
      const done = bind((status: number, problem?: string) => {
        if (finished) return;
        finished = true;
        const fields = {
          upstream,
          method: req.method,
          path: redactUrlSecrets(req.originalUrl),
          status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        };
        if (problem) this.logger.warn({ msg: `proxy to ${upstream} failed: ${problem}`, ...fields, problem });
        else this.logger.log({ msg: `proxied to ${upstream}`, ...fields });
        resolve();
      });

      const upstreamReq = transport.request(target, {
        method: req.method,
        headers: upstreamRequestHeaders(req.headers, {
          requestId,
          correlationId: context?.correlationId ?? requestId,
          clientIp: req.socket.remoteAddress,
          protocol: req.protocol,
        }),
        agent: secure ? this.agents.https : this.agents.http,
        timeout: this.timeoutMs,
      });

      upstreamReq.on('timeout', () => upstreamReq.destroy(new UpstreamTimeout()));
      // Destroying the request for a departed client need not emit 'error'; settle here as well so the
      // handler's promise never dangles.
      upstreamReq.on(
        'close',
        bind(() => {
          if (clientGone) done(499, 'client closed the request');
        }),
      );

      upstreamReq.on(
        'response',
        bind((upstreamRes: IncomingMessage) => {
          answered = true;
          const status = upstreamRes.statusCode ?? 502;
          res.status(status);
          if (upstreamRes.statusMessage) res.statusMessage = upstreamRes.statusMessage;
          for (const [name, value] of Object.entries(clientResponseHeaders(upstreamRes.headers))) {
            if (value !== undefined) res.setHeader(name, value);
          }
          pipeline(upstreamRes, res, (error) => done(status, error ? `answer cut off: ${error.message}` : undefined));
        }),
      );

      upstreamReq.on(
        'error',
        bind((error: Error) => {
          if (clientGone) {
            // 499: nginx's code for "client closed the request", so such lines are not read as outages.
            done(499, 'client closed the request');
            return;
          }
          // Once the answer started, the response pipeline decides the outcome: a request-side error
          // (an upstream that answered early and closed while the body was still uploading) must not cut
          // off an answer that is arriving intact, and a broken answer fails that pipeline by itself.
          if (answered || finished) return;
          const timedOut = error instanceof UpstreamTimeout;
          const problem = timedOut
            ? new Problem(ProblemCode.UpstreamTimeout, `Upstream service ${upstream} did not answer within ${this.timeoutMs} ms`, {
                extensions: { service: upstream },
              })
            : new Problem(ProblemCode.UpstreamUnavailable, `Upstream service ${upstream} is unreachable`, { extensions: { service: upstream } });
          writeProblem(res, problem, problemInstance(req));
          done(problem.getStatus(), timedOut ? 'timed out' : error.message);
        }),
      );

      // A client that goes away mid-exchange should not keep the upstream working for nobody.
      res.on('close', () => {
        if (res.writableFinished) return;
        clientGone = true;
        upstreamReq.destroy();
      });
      req.on('error', () => upstreamReq.destroy());

      // pipe (not pipeline): an upstream failure must not destroy the client's request, which would
      // close its socket before the 502 is written.
      req.pipe(upstreamReq);
    });
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

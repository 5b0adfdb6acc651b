import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthRegistry } from '@crosswalk/observability';
import { UPSTREAM_NAMES } from '../routing/route-table';
import { UPSTREAM_URLS, type UpstreamUrls, fetchFailure, upstreamUrl } from './upstreams';

// Well within the probes' 3 s time-out, so the gateway answers itself, naming the service that was slow.
const PROBE_TIMEOUT_MS = 1500;

/**
 * Gateway readiness = every service it routes to is ready. `npm start`, the e2e harness and the
 * deployment wait on the gateway alone to mean "the API works"; a gateway that reports ready while
 * its services still migrate would hand out 502s. Liveness (/health/live) does not depend on the
 * services, so a service outage never restarts the gateway; each service's state is in the body.
 */
@Injectable()
export class UpstreamHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly indicators: HealthIndicatorService,
    @Inject(UPSTREAM_URLS) private readonly urls: UpstreamUrls,
  ) {}

  onModuleInit(): void {
    for (const name of UPSTREAM_NAMES) {
      const url = upstreamUrl(this.urls[name], '/health/ready');
      this.health.register(() =>
        this.indicators
          .check(`upstream:${name}`)
          .attempt(async ({ signal }) => {
            let response: Response;
            try {
              response = await fetch(url, { signal });
            } catch (error) {
              throw new Error(`${name} unreachable at ${url.origin} (${fetchFailure(error)})`);
            }
            // Drain the body so the connection goes back to undici's pool.
            await response.arrayBuffer().catch(() => undefined);
            if (!response.ok) throw new Error(`${name} not ready (HTTP ${response.status})`);
          })
          .withTimeout(PROBE_TIMEOUT_MS),
      );
    }
  }
}

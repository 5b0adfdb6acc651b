import { Controller, Get, HttpCode, Injectable, Module, ServiceUnavailableException } from '@nestjs/common';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { ApiExcludeController } from '@nestjs/swagger';
import { type HealthCheckResult, HealthCheckService, type HealthIndicatorFunction, TerminusModule } from '@nestjs/terminus';
import { Public } from './public-route';

/** Within the probes' 3 s time-out (deploy/k8s), so a slow dependency is answered as such, by name. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * What the service needs to serve traffic (database, the services behind the gateway), as terminus
 * indicators registered at start-up by whoever owns the dependency, each with its own time limit, e.g.
 *   health.register(() => indicators.check('upstream:schools').attempt(probe).withTimeout(READINESS_TIMEOUT_MS))
 */
@Injectable()
export class HealthRegistry {
  private readonly indicators: HealthIndicatorFunction[] = [];

  register(indicator: HealthIndicatorFunction): void {
    this.indicators.push(indicator);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.indicators];
  }
}

/** `{ name: 'up' | 'down: <why>' }`, plus `shutdown` while terminus reports the instance shutting down. */
function checksOf(result: HealthCheckResult): Record<string, string> {
  const checks: Record<string, string> = Object.fromEntries(
    Object.entries(result.details).map(([name, detail]) => [
      name,
      detail.status === 'down' ? `down: ${String(detail.message ?? 'no reason given')}` : detail.status,
    ]),
  );
  if (result.status === 'shutting_down') checks.shutdown = 'in progress';
  return checks;
}

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 when every check is up, 503 when one is down. From the start of shutdown the server takes no new
   * connection at all (libs/platform's draining adapter), so probes fail while the instance drains.
   */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, string> }> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check(this.registry.all());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const checks = checksOf(error.getResponse() as HealthCheckResult);
      throw new Problem(ProblemCode.ServiceUnavailable, 'Not ready', { extensions: { checks } });
    }
    return { status: 'ready', checks: checksOf(result) };
  }
}

/**
 * `/health/live` and `/health/ready` (public) on @nestjs/terminus. Readiness failures are answered, not
 * logged: probes ask every few seconds, and the body names the cause.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthRegistry],
  exports: [HealthRegistry, TerminusModule],
})
export class HealthModule {}

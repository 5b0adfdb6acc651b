import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PLATFORM_CONFIG, RecurringJob } from '@crosswalk/platform';
import type { ColocationsConfig } from '../colocations.config';
import { PartnershipsService } from './partnerships.service';

/**
 * Runs the grace-period evaluation as of today's business date, soon after start and then every
 * COLOCATION_GRACE_CHECK_INTERVAL_SECONDS. Every instance runs it; the evaluation claims each partnership it
 * lapses, so none lapses twice.
 */
@Injectable()
export class GracePeriodJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GracePeriodJob.name);
  private readonly job: RecurringJob;

  constructor(
    private readonly partnerships: PartnershipsService,
    registry: SchedulerRegistry,
    @Inject(PLATFORM_CONFIG) config: ColocationsConfig,
  ) {
    this.job = new RecurringJob(registry, {
      name: 'colocations.grace-period',
      everySeconds: config.COLOCATION_GRACE_CHECK_INTERVAL_SECONDS,
      run: () => this.evaluate(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async evaluate(): Promise<void> {
    const { asOf, lapsed } = await this.partnerships.evaluateGracePeriods();
    if (lapsed.length) this.logger.log(`Grace periods evaluated as of ${asOf}: ${lapsed.length} partnership(s) lapsed`);
  }
}

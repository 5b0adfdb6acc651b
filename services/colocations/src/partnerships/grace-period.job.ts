import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import type { ColocationsConfig } from '../colocations.config';
import { PartnershipsService } from './partnerships.service';

/** Runs the grace-period evaluation every COLOCATION_GRACE_CHECK_INTERVAL_SECONDS, as of today's business date. */
@Injectable()
export class GracePeriodJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GracePeriodJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly partnerships: PartnershipsService,
    @Inject(PLATFORM_CONFIG) private readonly config: ColocationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.COLOCATION_GRACE_CHECK_INTERVAL_SECONDS;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      // Never two at once: a slow evaluation simply skips a tick.
      this.running ??= this.evaluate().finally(() => (this.running = undefined));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async evaluate(): Promise<void> {
    try {
      const { asOf, lapsed } = await this.partnerships.evaluateGracePeriods();
      if (lapsed.length) this.logger.log(`Grace periods evaluated as of ${asOf}: ${lapsed.length} partnership(s) lapsed`);
    } catch (error) {
      this.logger.error(`Grace-period evaluation failed; the next run retries: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PLATFORM_CONFIG, RecurringJob } from '@crosswalk/platform';
import type { FellowshipsConfig } from '../fellowships.config';
import { PlacementsService } from './placements.service';

/**
 * Records the retention checkpoints that came due (by the injectable Clock's today), soon after start and then
 * every FELLOWSHIPS_RETENTION_INTERVAL_SECONDS. Every instance runs it; the run claims each placement it records
 * for, so no checkpoint is recorded twice.
 */
@Injectable()
export class RetentionCheckpointJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionCheckpointJob.name);
  private readonly job: RecurringJob;

  constructor(
    private readonly placements: PlacementsService,
    registry: SchedulerRegistry,
    @Inject(PLATFORM_CONFIG) config: FellowshipsConfig,
  ) {
    this.job = new RecurringJob(registry, {
      name: 'fellowships.retention-checkpoints',
      everySeconds: config.FELLOWSHIPS_RETENTION_INTERVAL_SECONDS,
      run: () => this.record(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async record(): Promise<void> {
    const { asOf, recorded } = await this.placements.recordCheckpoints();
    if (recorded.length) this.logger.log(`Retention checkpoints recorded as of ${asOf}: ${recorded.length}`);
  }
}

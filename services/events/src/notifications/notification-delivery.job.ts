import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PLATFORM_CONFIG, RecurringJob } from '@crosswalk/platform';
import type { EventsConfig } from '../events.config';
import { NotificationsService } from './notifications.service';

/**
 * Sends the notifications due, soon after start and then every EVENTS_NOTIFICATION_INTERVAL_SECONDS. Every
 * instance runs it; each notification is claimed before it is sent, so no two instances send one at once.
 */
@Injectable()
export class NotificationDeliveryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDeliveryJob.name);
  private readonly job: RecurringJob;

  constructor(
    private readonly notifications: NotificationsService,
    registry: SchedulerRegistry,
    @Inject(PLATFORM_CONFIG) config: EventsConfig,
  ) {
    this.job = new RecurringJob(registry, {
      name: 'events.notification-delivery',
      everySeconds: config.EVENTS_NOTIFICATION_INTERVAL_SECONDS,
      run: () => this.deliver(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async deliver(): Promise<void> {
    const { sent, failed } = await this.notifications.deliverDue();
    if (failed.length) this.logger.warn(`Notifications sent: ${sent.length}; failed (tried again later or given up, see lastError): ${failed.length}`);
    else if (sent.length) this.logger.log(`Notifications sent: ${sent.length}`);
  }
}

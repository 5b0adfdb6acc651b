import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PLATFORM_CONFIG, RecurringJob } from '@crosswalk/platform';
import type { EventsConfig } from '../events.config';
import { RegistrationsService } from './registrations.service';

/**
 * Expires offers past their deadline and passes their seats on, soon after start and then every
 * EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS. Every instance runs it; the run claims each event it changes, so no
 * offer expires twice.
 */
@Injectable()
export class OfferExpiryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OfferExpiryJob.name);
  private readonly job: RecurringJob;

  constructor(
    private readonly registrations: RegistrationsService,
    registry: SchedulerRegistry,
    @Inject(PLATFORM_CONFIG) config: EventsConfig,
  ) {
    this.job = new RecurringJob(registry, {
      name: 'events.offer-expiry',
      everySeconds: config.EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS,
      run: () => this.expire(),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async expire(): Promise<void> {
    const { asOf, expired, offered } = await this.registrations.expireOffers();
    if (expired.length) this.logger.log(`Offers expired as of ${asOf}: ${expired.length}; seats offered on: ${offered.length}`);
  }
}

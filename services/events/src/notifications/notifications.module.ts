import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { OffersModule } from '../offers/offers.module';
import { Mailer } from './mailer';
import { NotificationDeliveryJob } from './notification-delivery.job';
import { NotificationsController } from './notifications.controller';
import { NotificationsHandler } from './notifications.handler';
import { NotificationsService } from './notifications.service';
import { Recipients } from './recipients';

/** Emails to people: written by the notifier consumer's handlers, sent by the delivery job, read by operators. */
@Module({
  imports: [DirectoryCopyModule, OffersModule],
  controllers: [NotificationsController, NotificationsHandler],
  providers: [NotificationsService, NotificationDeliveryJob, Mailer, Recipients, CLOCK_PROVIDER],
  exports: [Recipients],
})
export class NotificationsModule {}

import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { OffersModule } from '../offers/offers.module';
import { Mailer } from './mailer';
import { NotificationDeliveryJob } from './notification-delivery.job';
import { NotificationsController } from './notifications.controller';
import { NotificationsHandler } from './notifications.handler';
import { NotificationsService } from './notifications.service';
import { PersonContactsHandler } from './person-contacts.handler';
import { Recipients } from './recipients';

/**
 * Emails to people: written by the notifier consumer's handlers, sent by the delivery job, read by operators; the
 * addresses they go to, from the restricted contacts topic.
 */
@Module({
  imports: [DirectoryCopyModule, OffersModule],
  controllers: [NotificationsController, NotificationsHandler, PersonContactsHandler],
  providers: [NotificationsService, NotificationDeliveryJob, Mailer, Recipients, CLOCK_PROVIDER],
})
export class NotificationsModule {}

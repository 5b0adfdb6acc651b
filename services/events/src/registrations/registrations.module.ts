import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryModule } from '../directory/directory.module';
import { OfferExpiryJob } from './offer-expiry.job';
import { EventRegistrationsController, RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [DirectoryModule],
  controllers: [EventRegistrationsController, RegistrationsController],
  providers: [RegistrationsService, OfferExpiryJob, CLOCK_PROVIDER],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}

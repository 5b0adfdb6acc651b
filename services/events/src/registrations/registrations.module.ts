import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { OfferExpiryJob } from './offer-expiry.job';
import { EventRegistrationsController, RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [DirectoryCopyModule],
  controllers: [EventRegistrationsController, RegistrationsController],
  providers: [RegistrationsService, OfferExpiryJob, CLOCK_PROVIDER],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}

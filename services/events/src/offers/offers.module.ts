import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { RegistrationsModule } from '../registrations/registrations.module';
import { OfferLinks } from './offer-links';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';

/** Offer links: signed for offer emails (OfferLinks, exported) and answered on the public offer routes. */
@Module({
  imports: [RegistrationsModule],
  controllers: [OffersController],
  providers: [OfferLinks, OffersService, CLOCK_PROVIDER],
  exports: [OfferLinks],
})
export class OffersModule {}

import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SeriesCompletionModule } from '../series/series-completion.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Exports the use cases for its reactions to directory events, which the app module hands to the copy's handler. */
@Module({
  imports: [DirectoryCopyModule, RegistrationsModule, SeriesCompletionModule],
  controllers: [EventsController],
  providers: [EventsService, CLOCK_PROVIDER],
  exports: [EventsService],
})
export class EventsModule {}

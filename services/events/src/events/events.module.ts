import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryModule } from '../directory/directory.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SeriesCompletionModule } from '../series/series-completion.module';
import { EventsController } from './events.controller';
import { EventsHandler } from './events.handler';
import { EventsService } from './events.service';

@Module({
  imports: [DirectoryModule, RegistrationsModule, SeriesCompletionModule],
  controllers: [EventsController, EventsHandler],
  providers: [EventsService, CLOCK_PROVIDER],
  exports: [EventsService],
})
export class EventsModule {}

import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryModule } from '../directory/directory.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { EventsController } from './events.controller';
import { EventsHandler } from './events.handler';
import { EventsService } from './events.service';

@Module({
  imports: [DirectoryModule, RegistrationsModule],
  controllers: [EventsController, EventsHandler],
  providers: [EventsService, CLOCK_PROVIDER],
})
export class EventsModule {}

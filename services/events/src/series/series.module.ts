import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryModule } from '../directory/directory.module';
import { EventsModule } from '../events/events.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SeriesController } from './series.controller';
import { SeriesService } from './series.service';

@Module({
  imports: [DirectoryModule, EventsModule, RegistrationsModule],
  controllers: [SeriesController],
  providers: [SeriesService, CLOCK_PROVIDER],
})
export class SeriesModule {}

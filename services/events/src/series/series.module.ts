import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { EventsModule } from '../events/events.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SeriesController } from './series.controller';
import { SeriesService } from './series.service';

@Module({
  imports: [DirectoryCopyModule, EventsModule, RegistrationsModule],
  controllers: [SeriesController],
  providers: [SeriesService, CLOCK_PROVIDER],
})
export class SeriesModule {}

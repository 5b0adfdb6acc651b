import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CalendarSubscriptionsService } from './calendar-subscriptions.service';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';

/** The iCalendar feeds and their secret subscription URLs; reads the events' and registrations' tables. */
@Module({
  imports: [DirectoryCopyModule],
  controllers: [CalendarsController],
  providers: [CalendarsService, CalendarSubscriptionsService, CLOCK_PROVIDER],
})
export class CalendarsModule {}

import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DIRECTORY_COPY_ENTITIES, DirectoryCopyModule } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { EVENTS_MIGRATIONS } from '../migrations';
import { AttendanceModule } from './attendance/attendance.module';
import { CalendarSubscription, CalendarSubscriptionCity } from './calendars/calendar-subscription.entity';
import { CalendarsModule } from './calendars/calendars.module';
import { EventsConfig } from './events.config';
import { EventFlag } from './events/event-flag.entity';
import { EventReschedule } from './events/event-reschedule.entity';
import { EventTopic } from './events/event-topic.entity';
import { EventsModule } from './events/events.module';
import { EventsDirectoryReactions } from './directory-reactions';
import { NetworkEvent } from './events/network-event.entity';
import { Notification } from './notifications/notification.entity';
import { PersonContact } from './notifications/person-contact.entity';
import { NotificationsModule } from './notifications/notifications.module';
import { OffersModule } from './offers/offers.module';
import { RegistrationChange } from './registrations/registration-change.entity';
import { Registration } from './registrations/registration.entity';
import { RegistrationsModule } from './registrations/registrations.module';
import { SurveyResponse, SurveyRevision } from './surveys/survey-response.entity';
import { SurveysModule } from './surveys/surveys.module';
import { EventFacilitator } from './events/event-facilitator.entity';
import { SeriesOutcome } from './series/series-outcome.entity';
import { Series } from './series/series.entity';
import { SeriesCompletionModule } from './series/series-completion.module';
import { SeriesModule } from './series/series.module';
import { TranscriptsModule } from './transcripts/transcripts.module';

/** The events service's own tables, and the local copy of the directory. */
export const EVENTS_ENTITIES = [
  ...DIRECTORY_COPY_ENTITIES,
  NetworkEvent,
  EventTopic,
  EventReschedule,
  EventFlag,
  EventFacilitator,
  Series,
  SeriesOutcome,
  Registration,
  RegistrationChange,
  SurveyResponse,
  SurveyRevision,
  CalendarSubscription,
  CalendarSubscriptionCity,
  Notification,
  PersonContact,
];

@Module({
  imports: [
    PlatformModule.forService({
      name: 'events',
      config: EventsConfig,
      database: { entities: [...MESSAGING_ENTITIES, ...EVENTS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...EVENTS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'events' }),
    ScheduleModule.forRoot(),
    EventsModule,
    DirectoryCopyModule.forService({ reactions: EventsDirectoryReactions, imports: [EventsModule] }),
    RegistrationsModule,
    AttendanceModule,
    SurveysModule,
    SeriesCompletionModule,
    SeriesModule,
    TranscriptsModule,
    CalendarsModule,
    OffersModule,
    NotificationsModule,
  ],
})
export class AppModule {}

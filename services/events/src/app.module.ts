import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DIRECTORY_COPY_ENTITIES, DirectoryCopyModule } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { EVENTS_MIGRATIONS } from '../migrations';
import { AttendanceModule } from './attendance/attendance.module';
import { EventsConfig } from './events.config';
import { EventFlag } from './events/event-flag.entity';
import { EventReschedule } from './events/event-reschedule.entity';
import { EventTopic } from './events/event-topic.entity';
import { EventsModule } from './events/events.module';
import { HostedEventsReactions } from './events/hosted-events.reactions';
import { NetworkEvent } from './events/network-event.entity';
import { RegistrationChange } from './registrations/registration-change.entity';
import { Registration } from './registrations/registration.entity';
import { RegistrationsModule } from './registrations/registrations.module';
import { SurveyResponse, SurveyRevision } from './surveys/survey-response.entity';
import { SurveysModule } from './surveys/surveys.module';

/** The events service's own tables, and the local copy of the directory. */
export const EVENTS_ENTITIES = [
  ...DIRECTORY_COPY_ENTITIES,
  NetworkEvent,
  EventTopic,
  EventReschedule,
  EventFlag,
  Registration,
  RegistrationChange,
  SurveyResponse,
  SurveyRevision,
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
    DirectoryCopyModule.forService({ reactions: HostedEventsReactions, imports: [EventsModule] }),
    RegistrationsModule,
    AttendanceModule,
    SurveysModule,
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { EVENTS_MIGRATIONS } from '../migrations';
import { DirectoryModule } from './directory/directory.module';
import { KnownCity } from './directory/known-city.entity';
import { KnownPerson } from './directory/known-person.entity';
import { KnownSchool } from './directory/known-school.entity';
import { RoleTransition } from './directory/role-transition.entity';
import { EventsConfig } from './events.config';

/** The events service's own tables, and the local copy of the directory. */
export const EVENTS_ENTITIES = [KnownCity, KnownSchool, KnownPerson, RoleTransition];

@Module({
  imports: [
    PlatformModule.forService({
      name: 'events',
      config: EventsConfig,
      database: { entities: [...MESSAGING_ENTITIES, ...EVENTS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...EVENTS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'events' }),
    DirectoryModule,
  ],
})
export class AppModule {}

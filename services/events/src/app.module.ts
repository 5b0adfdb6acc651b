import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { EVENTS_MIGRATIONS } from '../migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'events',
      database: { entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...EVENTS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'events' }),
  ],
})
export class AppModule {}

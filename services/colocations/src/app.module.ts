import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { COLOCATIONS_MIGRATIONS } from '../migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'colocations',
      database: { entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...COLOCATIONS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'colocations' }),
  ],
})
export class AppModule {}

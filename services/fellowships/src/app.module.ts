import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { FELLOWSHIPS_MIGRATIONS } from '../migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'fellowships',
      database: { entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...FELLOWSHIPS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'fellowships' }),
  ],
})
export class AppModule {}

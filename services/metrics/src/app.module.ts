import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { METRICS_MIGRATIONS } from '../migrations';
import { CitiesModule } from './cities/cities.module';
import { KnownCity } from './cities/known-city.entity';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'metrics',
      database: { entities: [...MESSAGING_ENTITIES, KnownCity], migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'metrics' }),
    CitiesModule,
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { SCHOOLS_MIGRATIONS } from '../migrations';
import { City } from './cities/city.entity';
import { CitiesModule } from './cities/cities.module';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'schools',
      database: { entities: [...MESSAGING_ENTITIES, City], migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'schools' }),
    CitiesModule,
  ],
})
export class AppModule {}

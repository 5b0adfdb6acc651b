import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { SCHOOLS_MIGRATIONS } from '../migrations';
import { CitiesModule } from './cities/cities.module';
import { CompactsModule } from './compacts/compacts.module';
import { SCHOOLS_ENTITIES } from './entities';
import { ImportsModule } from './imports/imports.module';
import { LeadershipModule } from './leadership/leadership.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PeopleModule } from './people/people.module';
import { SchoolsConfig } from './schools.config';
import { SchoolsModule } from './schools/schools.module';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'schools',
      config: SchoolsConfig,
      database: { entities: [...MESSAGING_ENTITIES, ...SCHOOLS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'schools' }),
    CitiesModule,
    OrganizationsModule,
    SchoolsModule,
    PeopleModule,
    LeadershipModule,
    CompactsModule,
    ImportsModule,
  ],
})
export class AppModule {}

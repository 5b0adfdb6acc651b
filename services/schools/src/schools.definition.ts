import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { SchoolsConfig } from './schools.config';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const SCHOOLS_SERVICE: ServiceDefinition = {
  name: 'schools',
  module: AppModule,
  defaultPort: 3001,
  config: SchoolsConfig,
  description: 'The directory: cities, organizations, schools, people, role tenures, leadership transitions and compacts.',
};

import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const COLOCATIONS_SERVICE: ServiceDefinition = {
  name: 'colocations',
  module: AppModule,
  defaultPort: 3004,
  description: 'Sites and colocation partnerships between schools of different sectors, and their champions.',
};

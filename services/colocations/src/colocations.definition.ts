import { connectInbox } from '@crosswalk/messaging';
import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { ColocationsConfig } from './colocations.config';
import { COLOCATIONS_CONSUMER } from './consumers';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const COLOCATIONS_SERVICE: ServiceDefinition = {
  name: 'colocations',
  module: AppModule,
  defaultPort: 3004,
  config: ColocationsConfig,
  description: 'Sites and colocation partnerships between schools of different sectors, and their champions.',
  beforeListen: (app) => connectInbox(app, COLOCATIONS_CONSUMER),
};

import { connectInbox } from '@crosswalk/messaging';
import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { FELLOWSHIPS_CONSUMER } from './consumers';
import { FellowshipsConfig } from './fellowships.config';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const FELLOWSHIPS_SERVICE: ServiceDefinition = {
  name: 'fellowships',
  module: AppModule,
  defaultPort: 3003,
  config: FellowshipsConfig,
  description:
    'Residencies and fellowships: programs, cohorts with host schools and mentors, fellows and their stages, placements confirmed from the directory tenures with their retention, and what turnover in the directory does to them.',
  beforeListen: (app) => connectInbox(app, FELLOWSHIPS_CONSUMER),
};

import { connectInbox } from '@crosswalk/messaging';
import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { METRICS_CONSUMER } from './consumers';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const METRICS_SERVICE: ServiceDefinition = {
  name: 'metrics',
  module: AppModule,
  defaultPort: 3005,
  description: 'Rebuildable projections of the network: reach, turnover, compacts, partnerships, fellowships.',
  beforeListen: (app) => connectInbox(app, METRICS_CONSUMER),
};

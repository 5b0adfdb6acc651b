import { connectInbox } from '@crosswalk/messaging';
import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { EventsConfig } from './events.config';
import { EVENTS_CONSUMER } from './consumers';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const EVENTS_SERVICE: ServiceDefinition = {
  name: 'events',
  module: AppModule,
  defaultPort: 3002,
  config: EventsConfig,
  description: 'Professional-development events, registrations with snapshots, waitlists and offers.',
  beforeListen: (app) => connectInbox(app, EVENTS_CONSUMER),
};

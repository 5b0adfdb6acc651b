import { connectInbox } from '@crosswalk/messaging';
import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { EventsConfig } from './events.config';
import { EVENTS_CONSUMER, EVENTS_NOTIFIER_CONSUMER } from './consumers';

/** What main.ts runs and what the tests build in-process, so both start the same service. */
export const EVENTS_SERVICE: ServiceDefinition = {
  name: 'events',
  module: AppModule,
  defaultPort: 3002,
  config: EventsConfig,
  description: 'Professional-development events, registrations with snapshots, waitlists and offers, and the emails that tell people about them.',
  beforeListen: (app) => connectInbox(app, EVENTS_CONSUMER, EVENTS_NOTIFIER_CONSUMER),
};

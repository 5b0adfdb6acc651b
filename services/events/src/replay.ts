// `npm run replay -- events events` and `npm run redrive -- events events`: see docs/messaging-operations.md.
// A replay of `events` rebuilds the local copy of the directory only; events and registrations are left as they
// are. `events-notifier` is here for `redrive` of its dead letters; its replay writes no notification twice.
import { consumerCommandMain } from '@crosswalk/messaging';
import { AppModule } from './app.module';
import { EVENTS_CONSUMER, EVENTS_NOTIFIER_CONSUMER } from './consumers';

consumerCommandMain({ service: 'events', module: AppModule, consumers: [EVENTS_CONSUMER, EVENTS_NOTIFIER_CONSUMER] });

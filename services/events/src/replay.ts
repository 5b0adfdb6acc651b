// `npm run replay -- events events` and `npm run redrive -- events events`: see docs/messaging-operations.md.
// A replay rebuilds the local copy of the directory only; events and registrations are left as they are.
import { consumerCommandMain } from '@crosswalk/messaging';
import { AppModule } from './app.module';
import { EVENTS_CONSUMER } from './consumers';

consumerCommandMain({ service: 'events', module: AppModule, consumers: [EVENTS_CONSUMER] });

// `npm run replay -- metrics metrics` and `npm run redrive -- metrics metrics`: see docs/messaging-operations.md.
import { consumerCommandMain } from '@crosswalk/messaging';
import { AppModule } from './app.module';
import { METRICS_CONSUMER } from './consumers';

consumerCommandMain({ service: 'metrics', module: AppModule, consumers: [METRICS_CONSUMER] });

// `npm run replay -- fellowships fellowships` and `npm run redrive -- fellowships fellowships`: see
// docs/messaging-operations.md. A replay rebuilds the local copy of the directory only.
import { consumerCommandMain } from '@crosswalk/messaging';
import { AppModule } from './app.module';
import { FELLOWSHIPS_CONSUMER } from './consumers';

consumerCommandMain({ service: 'fellowships', module: AppModule, consumers: [FELLOWSHIPS_CONSUMER] });

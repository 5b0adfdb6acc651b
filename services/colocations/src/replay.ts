// `npm run replay -- colocations colocations` and `npm run redrive -- colocations colocations`: see docs/messaging-operations.md.
// A replay rebuilds the local copy of the directory only; partnerships are left as they are (see docs/colocations.md).
import { consumerCommandMain } from '@crosswalk/messaging';
import { AppModule } from './app.module';
import { COLOCATIONS_CONSUMER } from './consumers';

consumerCommandMain({ service: 'colocations', module: AppModule, consumers: [COLOCATIONS_CONSUMER] });

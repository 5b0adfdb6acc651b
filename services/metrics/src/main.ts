import { connectInbox } from '@crosswalk/messaging';
import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { METRICS_CONSUMER } from './consumers';

void runService({
  name: 'metrics',
  module: AppModule,
  defaultPort: 3005,
  description: 'Rebuildable projections of the network: reach, turnover, compacts, partnerships, fellowships.',
  beforeListen: (app) => connectInbox(app, METRICS_CONSUMER),
});

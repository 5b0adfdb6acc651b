import { runService } from '@crosswalk/platform';
import { METRICS_SERVICE } from './metrics.definition';

void runService(METRICS_SERVICE);

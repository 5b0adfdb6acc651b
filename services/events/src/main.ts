import { runService } from '@crosswalk/platform';
import { EVENTS_SERVICE } from './events.definition';

void runService(EVENTS_SERVICE);

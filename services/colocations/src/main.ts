import { runService } from '@crosswalk/platform';
import { COLOCATIONS_SERVICE } from './colocations.definition';

void runService(COLOCATIONS_SERVICE);

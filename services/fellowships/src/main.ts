import { runService } from '@crosswalk/platform';
import { FELLOWSHIPS_SERVICE } from './fellowships.definition';

void runService(FELLOWSHIPS_SERVICE);

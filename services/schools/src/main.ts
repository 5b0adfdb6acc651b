import { runService } from '@crosswalk/platform';
import { SCHOOLS_SERVICE } from './schools.definition';

void runService(SCHOOLS_SERVICE);

import { runService } from '@crosswalk/platform';
import { gatewayDefinition } from './gateway.definition';

void runService(gatewayDefinition());

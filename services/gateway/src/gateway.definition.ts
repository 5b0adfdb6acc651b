import type { ServiceDefinition } from '@crosswalk/platform';
import { AppModule } from './app.module';
import { GatewayConfig, gatewayPort } from './gateway.config';

/** What main.ts runs and what the tests build in-process, so both start the same gateway. */
export function gatewayDefinition(env: NodeJS.ProcessEnv = process.env): ServiceDefinition {
  return {
    name: 'gateway',
    module: AppModule,
    defaultPort: gatewayPort(env),
    config: GatewayConfig,
    description: 'The single HTTP entry point: routes /v1 to the owning service, authenticates and rate-limits.',
  };
}

import type { OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDefinition } from '@crosswalk/platform';
import { CombinedDocs } from './docs/combined-docs';
import { AppModule } from './app.module';
import { GatewayConfig, gatewayPort } from './gateway.config';

/** What main.ts runs and what the tests build in-process, so both start the same gateway. */
export function gatewayDefinition(env: NodeJS.ProcessEnv = process.env): ServiceDefinition {
  return {
    name: 'gateway',
    module: AppModule,
    defaultPort: gatewayPort(env),
    config: GatewayConfig,
    // The proxy streams bodies to the services untouched; nothing may read them first.
    bodyParser: false,
    openApiDocument: (app) => {
      const docs = app.get(CombinedDocs);
      // The merged document is plain JSON assembled from the services' own OpenAPI documents.
      return () => docs.document().then((document) => document as unknown as OpenAPIObject);
    },
    description: 'The single HTTP entry point: routes /v1 to the owning service, authenticates and rate-limits.',
  };
}

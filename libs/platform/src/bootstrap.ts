import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createLogger } from '@crosswalk/observability';
import { ConfigError, type HttpServiceConfig, PlatformConfig, loadConfig } from './config';
import { describeProblems } from './problem-schema';
import { describeIdempotency } from './idempotency/idempotency-openapi';
import { applySecurityHeaders } from './security-headers';

export interface ServiceDefinition {
  name: string;
  /** The service's root module. */
  module: unknown;
  /** Used when HTTP_PORT is not set. */
  defaultPort: number;
  config?: new () => HttpServiceConfig;
  description?: string;
  /** false: Nest leaves request bodies unread (the gateway streams them to the services). Default true. */
  bodyParser?: boolean;
  /**
   * Replaces the document served at /docs, /docs/json and /docs-yaml, asked for on every request
   * (the gateway serves the document merged from every service).
   */
  openApiDocument?: (app: INestApplication) => () => Promise<OpenAPIObject>;
  /** Extra wiring after the app exists and before it listens (e.g. connecting consumers). */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

export function openApiDocumentPath(): string {
  return 'docs/json';
}

/** Builds the app: logger, security headers, OpenAPI at /docs (JSON at /docs/json), shutdown hooks. Used by main.ts and tests. */
export async function createServiceApp(definition: ServiceDefinition): Promise<INestApplication> {
  const app = await NestFactory.create(definition.module as never, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: definition.bodyParser ?? true,
  });
  app.useLogger(app.get(Logger));
  // First, so that every answer carries them, errors and /docs included.
  applySecurityHeaders(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  // Before the OpenAPI scan, which initialises the app: consumers must be connected while it is not.
  if (definition.beforeListen) await definition.beforeListen(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Crosswalk ${definition.name}`)
      .setDescription(definition.description ?? `The ${definition.name} service of Crosswalk.`)
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  const replacement = definition.openApiDocument?.(app);
  SwaggerModule.setup('docs', app, describeIdempotency(describeProblems(document)), {
    jsonDocumentUrl: openApiDocumentPath(),
    ...(replacement && { patchDocumentOnRequest: () => replacement() }),
  });
  return app;
}

/**
 * The whole of a service's main.ts: refuse a bad environment with a message naming the variable, build
 * the app, listen, and exit non-zero on any start-up failure.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplication | undefined> {
  const log = createLogger(definition.name);
  let config: HttpServiceConfig;
  try {
    config = loadConfig(definition.config ?? PlatformConfig);
  } catch (error) {
    log.fatal(error instanceof ConfigError ? error.message : String(error));
    process.exitCode = 1;
    return undefined;
  }
  try {
    const app = await createServiceApp(definition);
    const port = config.HTTP_PORT ?? definition.defaultPort;
    await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
    log.info({ port, url: await app.getUrl() }, `${definition.name} ready`);
    return app;
  } catch (error) {
    log.fatal({ err: error }, `${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    // A half-started app may hold sockets and timers; exit rather than linger.
    process.exit(1);
  }
}

import { type DynamicModule, Global, Inject, type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, Optional } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { AUTH_SETTINGS, type AuthSettings, AuthGuard } from '@crosswalk/auth';
import {
  HealthModule,
  HealthRegistry,
  HttpMetricsMiddleware,
  MetricsController,
  READINESS_TIMEOUT_MS,
  RequestContextMiddleware,
  collectProcessMetrics,
  loggingModule,
} from '@crosswalk/observability';
import { DATABASE_SETTINGS, DatabaseModule, type DatabaseSettings, type EntityList, type MigrationList } from '@crosswalk/persistence';
import { type HttpServiceConfig, PlatformConfig, loadConfig } from './config';
import { IdempotencyInterceptor, IdempotencyRecord, IdempotencyRecords1764600000000, IdempotencyStore } from './idempotency';
import { JsonDepthMiddleware } from './json-depth';
import { ProblemFilter } from './problems';
import { validationPipe } from './validation';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface PlatformOptions {
  /** The service's name: logs, metrics labels, event source, SQLite file. */
  name: string;
  /** Configuration class (extends PlatformConfig when the service needs more variables). */
  config?: new () => HttpServiceConfig;
  /** This service's entities and migrations (its own database). Omitted: no database. */
  database?: { entities: Extract<EntityList, unknown[]>; migrations: Extract<MigrationList, unknown[]> };
}

/** Registers the database readiness check once the data source exists. */
@Module({})
class DatabaseHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly typeOrm: TypeOrmHealthIndicator,
    @Optional() @Inject(DataSource) private readonly dataSource?: DataSource,
  ) {}

  onModuleInit(): void {
    const connection = this.dataSource;
    if (!connection) return;
    this.health.register(() => this.typeOrm.pingCheck('database', { connection }).withTimeout(READINESS_TIMEOUT_MS));
  }
}

@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forService(options: PlatformOptions): DynamicModule {
    const configClass = options.config ?? PlatformConfig;
    // Validated once more here (run() already refused a bad environment) so in-process tests share the path.
    const configProvider = { provide: PLATFORM_CONFIG, useFactory: () => loadConfig(configClass) };
    return {
      module: PlatformModule,
      imports: [
        loggingModule(options.name, () => process.env.LOG_LEVEL ?? 'info'),
        HealthModule,
        ...(options.database
          ? [
              // Every service with a database honours Idempotency-Key, so its table comes with the platform.
              DatabaseModule.forService({
                service: options.name,
                entities: [...options.database.entities, IdempotencyRecord],
                migrations: [...options.database.migrations, IdempotencyRecords1764600000000],
              }),
              DatabaseHealth,
            ]
          : []),
      ],
      controllers: [MetricsController],
      providers: [
        configProvider,
        { provide: SERVICE_NAME, useValue: options.name },
        {
          provide: DATABASE_SETTINGS,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: Partial<PlatformConfig>): DatabaseSettings => ({
            databaseUrl: config.DATABASE_URL,
            dataDir: config.DATA_DIR,
          }),
        },
        {
          provide: AUTH_SETTINGS,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: HttpServiceConfig): AuthSettings => ({
            secret: config.JWT_SECRET,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            maxLifetimeSeconds: config.JWT_MAX_TOKEN_LIFETIME_SECONDS,
          }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
        ...(options.database ? [IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] : []),
        {
          provide: 'PROCESS_METRICS',
          useFactory: () => collectProcessMetrics(options.name),
        },
      ],
      exports: [PLATFORM_CONFIG, SERVICE_NAME, DATABASE_SETTINGS, AUTH_SETTINGS, HealthModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, HttpMetricsMiddleware, JsonDepthMiddleware).forRoutes('*path');
  }
}

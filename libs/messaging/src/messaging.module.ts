import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  type INestApplication,
  type INestApplicationContext,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { topicsNotReadableBy } from '@crosswalk/contracts';
import { createLogger } from '@crosswalk/observability';
import { DataSource } from 'typeorm';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ConsumerGroupTimings } from './inbox/options';
import { InboxExceptionFilter, InboxKafkaServer, type InboxKafkaServerOptions } from './inbox-kafka.server';
import type { KafkaConnection } from './kafka-client';
import type { MessagingLogger } from './logger';
import { Outbox, UnitOfWork } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './relay/outbox-relay';

export const MESSAGING_SETTINGS = Symbol('MESSAGING_SETTINGS');

export interface MessagingSettings {
  service: string;
  brokers: readonly string[];
  kafka?: Omit<KafkaConnection, 'brokers'>;
  logger: MessagingLogger;
}

export interface MessagingModuleOptions {
  /** The service: event `source`, fallback actor, relay name. */
  service: string;
  /** Default: `KAFKA_BROKERS` (comma-separated), read when the module is instantiated. */
  brokers?: readonly string[];
  kafka?: Omit<KafkaConnection, 'brokers'>;
  /** Default: the service's pino logger from @crosswalk/observability. */
  logger?: MessagingLogger;
  relay?: Pick<OutboxRelayOptions, 'batchSize' | 'publishBatchSize' | 'lingerMs' | 'pollIntervalMs' | 'backoff'>;
}

function brokersFromEnvironment(): string[] {
  const value = process.env.KAFKA_BROKERS ?? '';
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required (comma-separated host:port list)');
  return brokers;
}

/** Starts the relay with the application and stops it before the data source closes. */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  // beforeApplicationShutdown runs before @nestjs/typeorm closes the data source (onApplicationShutdown),
  // so the batch in flight is published and marked, not cut off mid-transaction.
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * The write side for a NestJS service: provides `UnitOfWork` (inject it into use cases), `Outbox` and
 * `OutboxRelay`, and runs the relay for the application's lifetime. Needs the service's `DataSource`
 * (from the platform's database module) with MESSAGING_ENTITIES and MESSAGING_MIGRATIONS added.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: MESSAGING_SETTINGS,
          useFactory: (): MessagingSettings => ({
            service: options.service,
            brokers: options.brokers ?? brokersFromEnvironment(),
            kafka: options.kafka,
            logger: options.logger ?? createLogger(options.service),
          }),
        },
        { provide: Outbox, useFactory: () => new Outbox({ service: options.service }) },
        {
          provide: OutboxRelay,
          inject: [DataSource, MESSAGING_SETTINGS],
          useFactory: (dataSource: DataSource, settings: MessagingSettings) =>
            new OutboxRelay({
              ...options.relay,
              dataSource,
              service: settings.service,
              brokers: settings.brokers,
              kafka: settings.kafka,
              logger: settings.logger,
            }),
        },
        {
          provide: UnitOfWork,
          inject: [DataSource, Outbox, OutboxRelay],
          useFactory: (dataSource: DataSource, outbox: Outbox, relay: OutboxRelay) => new UnitOfWork(dataSource, outbox, relay),
        },
        RelayLifecycle,
      ],
      exports: [MESSAGING_SETTINGS, Outbox, OutboxRelay, UnitOfWork],
    };
  }
}

export type InboxServerOptions = Omit<InboxKafkaServerOptions, 'dataSource' | 'brokers'> & Partial<Pick<InboxKafkaServerOptions, 'dataSource' | 'brokers'>>;

/**
 * The read side for a NestJS service that imports MessagingModule: an InboxKafkaServer wired to the app's
 * data source, brokers, logger, outbox and relay (so handlers can `ctx.record` follow-up events).
 *
 *   const inbox = app.connectMicroservice({ strategy: createInboxServer(app, { consumer: 'colocations', topics }) });
 *   inbox.useGlobalFilters(new InboxExceptionFilter());
 *   await app.startAllMicroservices();
 */
export function createInboxServer(app: INestApplicationContext, options: InboxServerOptions): InboxKafkaServer {
  const settings = app.get<MessagingSettings>(MESSAGING_SETTINGS);
  const outbox = app.get(Outbox);
  // Restricted topics carry contact data: only the services the catalog names as their readers may consume them.
  const forbidden = topicsNotReadableBy(outbox.service, options.topics);
  if (forbidden.length) {
    throw new Error(
      `The ${outbox.service} service may not read ${forbidden.join(', ')}: restricted topics (contact data) are read only by the ` +
        'services the catalog lists as their readers (libs/contracts/src/topics.ts)',
    );
  }
  return new InboxKafkaServer({
    dataSource: app.get(DataSource),
    brokers: settings.brokers,
    kafka: settings.kafka,
    logger: settings.logger,
    outbox,
    relay: app.get(OutboxRelay),
    ...options,
  });
}

/**
 * Group timings for services: a dead member is noticed within seconds and a rebalance (which on the dev
 * cluster lasts about the session timeout) does not stall consumption for half a minute.
 */
export const SERVICE_GROUP_TIMINGS = {
  sessionTimeout: 10_000,
  rebalanceTimeout: 10_000,
  heartbeatInterval: 1_000,
  maxWaitTimeInMs: 500,
} as const;

/**
 * The services' group timings, with the fetch wait from `KAFKA_FETCH_MAX_WAIT_MS` when it is set: `npm start`
 * sets it for the dev cluster, whose broker holds an empty fetch for the whole wait (DEV_KAFKA_FETCH_MAX_WAIT_MS).
 */
export function serviceGroupTimings(env: Record<string, string | undefined> = process.env): ConsumerGroupTimings {
  const value = env.KAFKA_FETCH_MAX_WAIT_MS;
  if (value === undefined || value === '') return SERVICE_GROUP_TIMINGS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 30_000) {
    throw new Error('KAFKA_FETCH_MAX_WAIT_MS must be an integer from 1 to 30000 (milliseconds)');
  }
  return { ...SERVICE_GROUP_TIMINGS, maxWaitTimeInMs: ms };
}

/**
 * Connects and starts a service's inbox consumers: each reads its own topics under its own group, inbox and
 * offsets, and its `@HandlesEvent` handlers receive the events of those topics. A service with several consumers
 * connects them in one call, since starting the app's microservices starts every one connected so far.
 */
export async function connectInbox(app: INestApplication, ...consumers: InboxServerOptions[]): Promise<void> {
  if (consumers.length === 0) throw new Error('connectInbox needs at least one consumer');
  for (const options of consumers) {
    const inbox = app.connectMicroservice<MicroserviceOptions>(
      { strategy: createInboxServer(app, { group: serviceGroupTimings(), ...options }) },
      // Deferred: NestJS 12 registers a hybrid microservice's handlers at once otherwise, before the filter below
      // could apply to them (it logs "registration must occur before initialization" and ignores the filter).
      { inheritAppConfig: false, deferInitialization: true },
    );
    inbox.useGlobalFilters(new InboxExceptionFilter());
  }
  await app.startAllMicroservices();
}

import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import type { ServiceDefinition } from '@crosswalk/platform';
import { type RunningApp, startServiceApp } from './apps';
import { type TestDatabase, createTestDatabase } from './databases';
import { type EventWire, type EventWireOptions, connectEventWire } from './event-wire';

export interface ServiceUnderTestOptions {
  /** Names the fresh MariaDB database (`createTestDatabase(label)`). */
  database: string;
  /** The service's own settings. DATABASE_URL, KAFKA_BROKERS and LOG_LEVEL (TEST_LOG_LEVEL, else warn) are set. */
  env?: Record<string, string>;
  /** The topics the wire collects (what the service publishes), and its client id. */
  wire?: EventWireOptions;
}

export interface ServiceUnderTest {
  /** A one-broker dev Kafka cluster, its topics from the catalog. */
  readonly cluster: DevKafkaCluster;
  readonly database: TestDatabase;
  /** The service in-process; `restart` replaces it. */
  readonly service: RunningApp;
  /** Publishes the other services' events and collects the service's own. */
  readonly wire: EventWire;
  /** Starts the service again on the same database and cluster, closing it first unless the test already did. */
  restart(): Promise<RunningApp>;
  /** Stops whatever started, last first: wire, service, database, cluster. */
  stop(): Promise<void>;
}

/** Closing twice (a test that closed the service itself, then `stop`) closes once. */
function closingOnce(app: RunningApp): RunningApp {
  let closed: Promise<void> | undefined;
  return { ...app, close: () => (closed ??= app.close()) };
}

/**
 * The setup of a service's integration test: the dev Kafka cluster, a fresh test database, the service
 * in-process on both, and an event wire to play the other services. If a step fails, what already started is
 * stopped before the error is thrown, so a failed `beforeAll` leaves no cluster or database behind.
 *
 *   beforeAll(async () => ({ service, wire } = underTest = await startServiceUnderTest(SERVICE, { database: 'x' })));
 *   afterAll(() => underTest?.stop());
 */
export async function startServiceUnderTest(definition: ServiceDefinition, options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const cluster = await DevKafkaCluster.start({ brokers: 1 });
    stops.push(() => cluster.stop());
    const database = await createTestDatabase(options.database);
    stops.push(() => database.drop());
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: cluster.bootstrapServers.join(','),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...options.env,
    };
    let service = closingOnce(await startServiceApp(definition, env));
    stops.push(() => service.close());
    const wire = await connectEventWire(cluster.bootstrapServers, options.wire);
    stops.push(() => wire.close());
    return {
      cluster,
      database,
      wire,
      get service() {
        return service;
      },
      restart: async () => {
        await service.close();
        service = closingOnce(await startServiceApp(definition, env));
        return service;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Shared fixtures for the messaging integration tests: a small test contract, a `counter` projection, and a
// harness that starts a dev Kafka cluster and a fresh MariaDB database per test.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type NewEvent, defineEvent, deadLetterTopicOf } from '@crosswalk/contracts';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabase, pollUntil, type TestDatabase } from '@crosswalk/testing';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { type IHeaders, Kafka, type KafkaMessage, Partitioners, logLevel } from 'kafkajs';
import { Column, DataSource, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner, Table } from 'typeorm';
import {
  type EventHandler,
  InboxConsumer,
  type InboxConsumerOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  type MessagingLogger,
  PermanentEventError,
} from '../src';

export const COUNTER_TOPIC = 'test.counters.v1';
export const COUNTER_DLQ = deadLetterTopicOf(COUNTER_TOPIC);
export const COUNTER_EVENT = 'test.counter.incremented';

/** v1: the old shape, upcast to v2 (`by` became `amount`). */
export class CounterIncrementedV1 {
  @IsString() counterId!: string;
  @IsInt() @Min(1) by!: number;
  @IsInt() @Min(1) seq!: number;
}

export class CounterIncremented {
  @IsString() counterId!: string;
  @IsInt() @Min(1) amount!: number;
  /** 1, 2, 3... per counter: lets the projection detect any reordering. */
  @IsInt() @Min(1) seq!: number;
  /** Test hook: how the handler should misbehave for this event. */
  @IsOptional() @IsString() fail?: string;
}

defineEvent<CounterIncrementedV1>({
  type: COUNTER_EVENT,
  version: 1,
  topic: COUNTER_TOPIC,
  payload: CounterIncrementedV1,
  description: 'test counter incremented (old shape)',
  upcast: (p) => ({ counterId: p.counterId, amount: p.by, seq: p.seq }),
});
/** The newest version, the one handlers receive. */
export const CounterIncrementedEvent = defineEvent<CounterIncremented>({
  type: COUNTER_EVENT,
  version: 2,
  topic: COUNTER_TOPIC,
  payload: CounterIncremented,
  description: 'test counter incremented',
});

@Entity({ name: 'counter' })
export class CounterRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'int' }) value!: number;
  @Column({ type: 'int' }) events!: number;
  @Column({ type: 'int' }) lastSeq!: number;
  @Column({ type: 'datetime', precision: 3 }) lastOccurredAt!: Date;
}

export class CounterTable1732300000001 implements MigrationInterface {
  name = 'CounterTable1732300000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'counter',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'int' },
          { name: 'events', type: 'int' },
          { name: 'lastSeq', type: 'int' },
          { name: 'lastOccurredAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('counter');
  }
}

export function counterEvent(counterId: string, seq: number, amount = 1, extra: Partial<CounterIncremented> = {}): NewEvent<CounterIncremented> {
  return { type: COUNTER_EVENT, version: 2, key: counterId, cityId: 'city-test', payload: { counterId, amount, seq, ...extra } };
}

/** Side effects the tests observe: ordering violations and handler calls per event. */
export interface CounterProjection {
  handler: EventHandler<CounterIncremented>;
  violations: string[];
  calls: Map<string, number>;
}

/**
 * The projection under test: adds `amount` to the counter. It records (in memory) any event that arrives out
 * of per-counter order, and obeys the `fail` test hook: `transient:<n>` throws on the first n calls,
 * `always` always throws, `permanent` throws PermanentEventError.
 */
export function counterProjection(): CounterProjection {
  const violations: string[] = [];
  const calls = new Map<string, number>();
  const handler: EventHandler<CounterIncremented> = async (envelope, ctx) => {
    const call = (calls.get(envelope.id) ?? 0) + 1;
    calls.set(envelope.id, call);
    const { counterId, amount, seq, fail } = envelope.payload;
    if (fail === 'always') throw new Error(`handler always fails for ${counterId}#${seq}`);
    if (fail === 'permanent') throw new PermanentEventError(`counter ${counterId} rejects #${seq}`);
    const transient = /^transient:(\d+)$/.exec(fail ?? '');
    if (transient && call <= Number(transient[1])) throw new Error(`transient failure ${call} for ${counterId}#${seq}`);
    const repository = ctx.manager.getRepository(CounterRow);
    const row = (await repository.findOne({ where: { id: counterId } })) ?? { id: counterId, value: 0, events: 0, lastSeq: 0, lastOccurredAt: new Date(0) };
    if (seq !== row.lastSeq + 1) violations.push(`${counterId}: #${seq} after #${row.lastSeq}`);
    row.value += amount;
    row.events += 1;
    row.lastSeq = seq;
    // The event's time, never "now": a replay must reproduce the projection exactly.
    row.lastOccurredAt = new Date(envelope.occurredAt);
    await repository.save(row);
  };
  return { handler, violations, calls };
}

/** An inbox consumer of the counter topic applying `projection`, with the tests' quiet and fast settings. */
export function counterConsumer(h: Harness, consumer: string, projection: CounterProjection, extra: Partial<InboxConsumerOptions> = {}): InboxConsumer {
  return new InboxConsumer({
    consumer,
    topics: [COUNTER_TOPIC],
    dataSource: h.dataSource,
    brokers: h.brokers,
    handlers: { [COUNTER_EVENT]: projection.handler },
    kafka: QUIET_KAFKA,
    group: FAST_GROUP,
    logger: collectingLogger(),
    ...extra,
  });
}

/** A logger that keeps lines for assertions instead of printing them. */
export function collectingLogger(): MessagingLogger & { lines: { level: string; message: string; fields: object }[] } {
  const lines: { level: string; message: string; fields: object }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, message, fields });
  return { lines, debug: () => undefined, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Short group timings: the dev cluster otherwise takes the kafkajs defaults (30 s sessions). */
export const FAST_GROUP: InboxConsumerOptions['group'] = {
  sessionTimeout: 6000,
  rebalanceTimeout: 4000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 250,
};

export const QUIET_KAFKA = { logLevel: logLevel.NOTHING };

export interface Harness {
  cluster: DevKafkaCluster;
  brokers: string[];
  database: TestDatabase;
  dataSource: DataSource;
  /** Opens another data source on the same database (a second "process"). */
  openDataSource(): Promise<DataSource>;
  stop(): Promise<void>;
}

export async function startHarness(label: string, options: { brokers?: number; partitions?: number } = {}): Promise<Harness> {
  const cluster = await DevKafkaCluster.start({
    brokers: options.brokers ?? 1,
    topics: [
      { name: COUNTER_TOPIC, partitions: options.partitions ?? 3 },
      { name: COUNTER_DLQ, partitions: 1 },
    ],
  });
  const database = await createTestDatabase(label);
  const extra: DataSource[] = [];
  const open = (): Promise<DataSource> =>
    openServiceDatabase({
      service: 'messaging-test',
      databaseUrl: database.url,
      entities: [...MESSAGING_ENTITIES, CounterRow],
      migrations: [...MESSAGING_MIGRATIONS, CounterTable1732300000001],
    });
  const dataSource = await open();
  return {
    cluster,
    brokers: cluster.bootstrapServers,
    database,
    dataSource,
    openDataSource: async () => {
      const another = await open();
      extra.push(another);
      return another;
    },
    stop: async () => {
      for (const ds of [...extra, dataSource]) if (ds.isInitialized) await ds.destroy();
      await database.drop();
      await cluster.stop();
    },
  };
}

export async function counters(dataSource: DataSource): Promise<Record<string, { value: number; events: number; lastSeq: number; lastOccurredAt: string }>> {
  const rows = await dataSource.getRepository(CounterRow).find({ order: { id: 'ASC' } });
  return Object.fromEntries(rows.map((r) => [r.id, { value: r.value, events: r.events, lastSeq: r.lastSeq, lastOccurredAt: r.lastOccurredAt.toISOString() }]));
}

export async function inboxCount(dataSource: DataSource, consumer: string): Promise<number> {
  const [row] = await dataSource.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM messaging_inbox WHERE consumer = ?', [consumer]);
  return Number(row.n);
}

export async function pendingOutbox(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ n: string | number }[]>("SELECT COUNT(*) AS n FROM messaging_outbox WHERE status = 'pending'", []);
  return Number(row.n);
}

/** A raw producer, for records the outbox would never write (malformed, duplicated). */
export async function rawProducer(
  brokers: string[],
): Promise<{ send(messages: { key?: string | null; value: Buffer | string | null; headers?: IHeaders }[]): Promise<void>; close(): Promise<void> }> {
  const kafka = new Kafka({ clientId: 'test-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    send: async (messages) => {
      await producer.send({ topic: COUNTER_TOPIC, acks: -1, messages });
    },
    close: () => producer.disconnect(),
  };
}

export function rawEnvelope(counterId: string, seq: number, overrides: Record<string, unknown> = {}): EventEnvelope<object> & Record<string, unknown> {
  return {
    id: randomUUID(),
    type: COUNTER_EVENT,
    version: 2,
    source: 'tests',
    occurredAt: new Date().toISOString(),
    cityId: 'city-test',
    key: counterId,
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'service', id: 'tests' },
    payload: { counterId, amount: 1, seq },
    ...overrides,
  };
}

/** Reads `count` records of a topic from the beginning with a throwaway group. */
export async function readTopic(brokers: string[], topic: string, count: number, timeoutMs = 20_000): Promise<KafkaMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 250 });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await pollUntil(
      () => seen.length,
      (n) => n >= count,
      { timeoutMs, description: `${count} records on ${topic}` },
    );
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

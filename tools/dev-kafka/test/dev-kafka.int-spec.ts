/**
 * The dev Kafka cluster against a real client (kafkajs 2.2.4), no mocks on our side: produce and consume,
 * a leader broker down while producing, injected request errors, latency, the control protocol, and stop().
 */
import { DevKafkaCluster, KafkaApiKey, KafkaErrorCode } from '../src/index';
import { allTopicSpecs } from '@crosswalk/contracts';
import { Consumer, Kafka, LogEntry, logLevel, Producer } from 'kafkajs';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
// Jest ignores `testTimeout` inside a `projects` entry, so the default 5 s would apply; each test here takes
// at most ~5 s (a consumer group's first join alone takes 3 s on the mock cluster).
jest.setTimeout(30_000);

interface Clients {
  kafka: Kafka;
  /** kafkajs log entries (ERROR and up), captured instead of printed. */
  logs: LogEntry[];
}

function clientsFor(cluster: DevKafkaCluster, clientId: string): Clients {
  const logs: LogEntry[] = [];
  const kafka = new Kafka({
    clientId,
    brokers: cluster.bootstrapServers,
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => void logs.push(entry),
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  return { kafka, logs };
}

/** Polls `condition` every 20 ms until it holds; fails with `what` after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Counts each message value a consumer group member receives. */
async function countingConsumer(kafka: Kafka, groupId: string, topic: string): Promise<[Consumer, Map<string, number>]> {
  const seen = new Map<string, number>();
  // maxWaitTimeInMs: the default 5 s fetch wait makes every test slow; the mock honours the shorter wait.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 10, initialRetryTime: 100 } });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = message.value?.toString() ?? '';
      seen.set(value, (seen.get(value) ?? 0) + 1);
    },
  });
  return [consumer, seen];
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('dev Kafka cluster, 1 broker', () => {
  let cluster: DevKafkaCluster;
  let clients: Clients;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start();
    clients = clientsFor(cluster, 'dev-kafka-test-1');
    producer = clients.kafka.producer({ retry: { retries: 5, initialRetryTime: 50 } });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer?.disconnect();
    await cluster?.stop();
  });

  it('starts with one broker and the catalog topics, and accepts a produce right after READY', async () => {
    expect(cluster.brokers).toEqual([1]);
    expect(cluster.bootstrapServers).toHaveLength(1);
    expect(cluster.bootstrapServers[0]).toMatch(/^127\.0\.0\.1:\d+$/);

    const admin = clients.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics.sort()).toEqual(
        allTopicSpecs()
          .map((t) => t.name)
          .sort(),
      );
      const catalogTopic = allTopicSpecs()[0];
      const metadata = await admin.fetchTopicMetadata({ topics: [catalogTopic.name] });
      expect(metadata.topics[0].partitions).toHaveLength(catalogTopic.partitions);
    } finally {
      await admin.disconnect();
    }
    const [result] = await producer.send({ topic: allTopicSpecs()[0].name, messages: [{ key: 'k', value: 'v' }] });
    expect(result.errorCode).toBe(0);
  });

  it('produces and consumes through a consumer group', async () => {
    await cluster.createTopic('it.produce-consume.v1', 2);
    const values = Array.from({ length: 50 }, (_, i) => `message-${i}`);
    await producer.send({
      topic: 'it.produce-consume.v1',
      messages: values.map((value, i) => ({ key: `key-${i % 7}`, value })),
    });

    const [consumer, seen] = await countingConsumer(clients.kafka, 'it-produce-consume', 'it.produce-consume.v1');
    consumers.push(consumer);
    await waitFor('50 messages', () => seen.size === values.length);
    expect([...seen.keys()].sort()).toEqual([...values].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('pushRequestErrors fails produce requests transiently, and kafkajs retries succeed', async () => {
    await cluster.createTopic('it.errors.v1', 1);
    await producer.send({ topic: 'it.errors.v1', messages: [{ value: 'warm-up' }] }); // metadata cached

    const produceRequests: number[] = [];
    const removeListener = producer.on(producer.events.REQUEST, (event) => {
      if (event.payload.apiKey === KafkaApiKey.Produce) produceRequests.push(event.payload.correlationId);
    });
    try {
      await cluster.pushRequestErrors(KafkaApiKey.Produce, [KafkaErrorCode.NotLeaderForPartition, KafkaErrorCode.RequestTimedOut]);
      const [result] = await producer.send({ topic: 'it.errors.v1', messages: [{ value: 'after-errors' }] });
      expect(result.errorCode).toBe(0);
      expect(produceRequests).toHaveLength(3); // two failed attempts, then the one that succeeded
    } finally {
      removeListener();
    }
    expect(clients.logs.map((l) => l.log.error)).toEqual(
      expect.arrayContaining([expect.stringMatching(/not the leader/i), expect.stringMatching(/timed out/i)]),
    );

    // A non-retriable error goes straight to the caller.
    await cluster.pushRequestErrors(KafkaApiKey.Produce, [KafkaErrorCode.MessageSizeTooLarge]);
    await expect(producer.send({ topic: 'it.errors.v1', messages: [{ value: 'rejected' }] })).rejects.toThrow(/larger than the max message size/);

    // Every message that was acknowledged is there exactly once; the rejected one is not.
    const [consumer, seen] = await countingConsumer(clients.kafka, 'it-errors', 'it.errors.v1');
    consumers.push(consumer);
    await waitFor('2 messages', () => seen.size === 2);
    expect(Object.fromEntries(seen)).toEqual({ 'warm-up': 1, 'after-errors': 1 });
  });

  it("setRoundTripTime delays a broker's responses", async () => {
    await cluster.createTopic('it.rtt.v1', 1);
    await producer.send({ topic: 'it.rtt.v1', messages: [{ value: 'warm-up' }] });
    await cluster.setRoundTripTime(1, 300);
    try {
      const started = Date.now();
      await producer.send({ topic: 'it.rtt.v1', messages: [{ value: 'slow' }] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await cluster.setRoundTripTime(1, 0);
    }
    const started = Date.now();
    await producer.send({ topic: 'it.rtt.v1', messages: [{ value: 'fast' }] });
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('answers every command in order, one at a time, and reports errors', async () => {
    const results = await Promise.allSettled([
      cluster.createTopic('it.serial.a', 1),
      cluster.createTopic('it.serial.a', 1),
      cluster.createTopic('it.serial.b', 4),
      cluster.setPartitionLeader('it.serial.b', 3, 1),
      cluster.pushRequestErrors(KafkaApiKey.Metadata, [KafkaErrorCode.NotCoordinator]),
      cluster.clearRequestErrors(KafkaApiKey.Metadata),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('dev-kafka: `topic it.serial.a 1` failed: Broker: Topic already exists'));
    expect(() => cluster.brokerDown(2)).toThrow(/unknown broker 2/);
    expect(() => cluster.createTopic('bad name', 1)).toThrow(/invalid topic name/);
  });
});

describe('dev Kafka cluster, 3 brokers', () => {
  let cluster: DevKafkaCluster;
  let clients: Clients;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({ brokers: 3, topics: [{ name: 'it.failover.v1', partitions: 3 }] });
    clients = clientsFor(cluster, 'dev-kafka-test-3');
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await cluster?.stop();
  });

  it('delivers every message exactly once when a partition leader (and group coordinator) goes down while producing', async () => {
    expect(cluster.brokers).toEqual([1, 2, 3]);
    expect(cluster.bootstrapServers).toHaveLength(3);
    const topic = 'it.failover.v1';
    const downBroker = 2;
    await cluster.setPartitionLeader(topic, 0, downBroker);

    const admin = clients.kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    const partitions = metadata.topics[0].partitions;
    expect(partitions.find((p) => p.partitionId === 0)?.leader).toBe(downBroker);
    expect(partitions.find((p) => p.partitionId === 0)?.replicas).toHaveLength(3);

    // The group's coordinator is the same broker, so the consumer loses its coordinator as well as a leader.
    await cluster.setCoordinator('group', 'it-failover', downBroker);
    let seen: Map<string, number>;
    [consumer, seen] = await countingConsumer(clients.kafka, 'it-failover', topic);
    producer = clients.kafka.producer({ retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1_000 } });
    await producer.connect();

    const total = 1_000;
    const batch = 10;
    const failedSends = (): number => clients.logs.filter((l) => l.namespace === 'Producer' && /Failed to send messages/.test(l.log.message)).length;
    let brokerBackUp: Promise<void> | undefined;
    for (let i = 0; i < total; i += batch) {
      if (i === 300) {
        // Down between two sends, so no acknowledged-but-unanswered request can be duplicated by a retry.
        await cluster.brokerDown(downBroker);
        // Back up once the producer has failed (and so retried) five times against the dead leader (~1 s).
        brokerBackUp = waitFor('5 failed sends', () => failedSends() >= 5).then(() => cluster.brokerUp(downBroker));
      }
      await producer.send({
        topic,
        messages: Array.from({ length: batch }, (_, j) => ({ key: `aggregate-${(i + j) % 37}`, value: `${i + j}` })),
      });
    }
    await brokerBackUp;
    expect(failedSends()).toBeGreaterThanOrEqual(5);
    expect(clients.logs.some((l) => /ECONNREFUSED/.test(l.log.message))).toBe(true);

    await waitFor(`${total} messages`, () => seen.size === total);
    const expected = Array.from({ length: total }, (_, i) => `${i}`);
    expect([...seen.keys()].sort()).toEqual(expected.sort());
    expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  });
});

describe('dev Kafka cluster lifecycle', () => {
  it('stop() ends the process and later commands are refused', async () => {
    const cluster = await DevKafkaCluster.start({ topics: [] });
    const { pid } = cluster;
    expect(isRunning(pid)).toBe(true);
    await cluster.stop();
    expect(isRunning(pid)).toBe(false);
    await expect(cluster.exited).resolves.toEqual({ code: 0, signal: null });
    await cluster.stop(); // idempotent
    await expect(cluster.createTopic('it.after-stop', 1)).rejects.toThrow(/stopped/);
  });

  it('start() rejects with the process error output when the cluster cannot start', async () => {
    const topics = [
      { name: 'it.duplicate', partitions: 1 },
      { name: 'it.duplicate', partitions: 1 },
    ];
    await expect(DevKafkaCluster.start({ topics })).rejects.toThrow(
      /exited before it was ready \(exit code 2\)\ndev-kafka: creating topic it\.duplicate: Broker: Topic already exists/,
    );
  });
});

/**
 * The dev cluster's log on disk against real clusters (kafkajs, no mocks): records and committed offsets
 * kept by one cluster are what a second cluster, started on the same directory, holds and answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pollUntil } from '@crosswalk/testing';
import { type IHeaders, Kafka, logLevel } from 'kafkajs';
import { DevKafkaCluster } from '../src/index';
import { DevKafkaLog } from '../src/log';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const TOPIC = 'it.log.v1';
const DLQ = 'it.log.v1.dlq';
const TOPICS = [
  { name: TOPIC, partitions: 3 },
  { name: DLQ, partitions: 1 },
];
const GROUP = 'it-log-consumer';

interface SeenRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string | string[]>;
}

function kafkaOf(cluster: DevKafkaCluster): Kafka {
  return new Kafka({
    clientId: 'dev-kafka-log-test',
    brokers: cluster.bootstrapServers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100 },
  });
}

function plainHeaders(headers: IHeaders | undefined): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.map((v) => v.toString()) : String(value?.toString())]),
  );
}

/** Every record of the topics, read with a fresh group from the beginning, in partition then offset order. */
async function readAll(cluster: DevKafkaCluster, topics: readonly string[], expected: number): Promise<SeenRecord[]> {
  const kafka = kafkaOf(cluster);
  const seen: SeenRecord[] = [];
  const consumer = kafka.consumer({ groupId: `it-log-reader-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 50, sessionTimeout: 6_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        seen.push({
          topic,
          partition,
          offset: message.offset,
          timestamp: message.timestamp,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: plainHeaders(message.headers),
        });
      },
    });
    await pollUntil(
      () => seen.length,
      (n) => n >= expected,
      { description: `${expected} records` },
    );
  } finally {
    await consumer.disconnect();
  }
  return seen.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

async function watermarks(cluster: DevKafkaCluster, topic: string): Promise<{ partition: number; low: string; high: string }[]> {
  const admin = kafkaOf(cluster).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({ partition, low, high })).sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

async function committed(cluster: DevKafkaCluster, groupId: string): Promise<Record<string, string>> {
  const admin = kafkaOf(cluster).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchOffsets({ groupId, topics: [TOPIC] });
    return Object.fromEntries(offsets.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, p.offset])));
  } finally {
    await admin.disconnect();
  }
}

describe('dev Kafka log across restarts', () => {
  let dir: string;
  const running: { cluster?: DevKafkaCluster; log?: DevKafkaLog } = {};

  async function startWithLog(): Promise<{ cluster: DevKafkaCluster; log: DevKafkaLog }> {
    const cluster = await DevKafkaCluster.start({ topics: TOPICS });
    running.cluster = cluster;
    const log = await DevKafkaLog.start(cluster, { dir, groups: [GROUP], groupOffsetsIntervalMs: 100 });
    running.log = log;
    return { cluster, log };
  }

  async function stopBoth(): Promise<void> {
    await running.log?.stop();
    await running.cluster?.stop();
    running.log = undefined;
    running.cluster = undefined;
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-kafka-log-'));
  });

  afterAll(async () => {
    await stopBoth();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a restarted cluster holds the same records at the same offsets, and the group resumes from its committed offsets', async () => {
    const first = await startWithLog();
    const producer = kafkaOf(first.cluster).producer();
    await producer.connect();
    const sent = 60;
    for (let i = 0; i < sent; i += 10) {
      await producer.send({
        topic: TOPIC,
        messages: Array.from({ length: 10 }, (_, j) => ({
          partition: (i + j) % 3,
          key: j % 4 === 0 ? null : `key-${i + j}`,
          value: `value-${i + j}`,
          timestamp: String(1_700_000_000_000 + i + j),
          headers: { 'event-type': `type-${(i + j) % 2}`, repeated: ['a', `b-${i + j}`] },
        })),
      });
    }
    await producer.send({ topic: DLQ, messages: [{ key: 'dead', value: 'a dead letter', headers: { 'dlq-error': 'boom' } }] });
    await producer.disconnect();

    // A consumer reads the first 25 records of the topic and commits them, then leaves.
    const consumer = kafkaOf(first.cluster).consumer({ groupId: GROUP, maxWaitTimeInMs: 50, sessionTimeout: 6_000 });
    let consumed = 0;
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets }) => {
        for (const message of batch.messages) {
          if (consumed >= 25) return;
          consumed += 1;
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary(uncommittedOffsets());
        }
      },
    });
    await pollUntil(
      () => consumed,
      (n) => n >= 25,
      { description: '25 records consumed' },
    );
    await consumer.disconnect();
    const before = await committed(first.cluster, GROUP);
    expect(Object.values(before).reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0)).toBe(25);

    const beforeRecords = await readAll(first.cluster, [TOPIC, DLQ], sent + 1);
    const beforeMarks = await watermarks(first.cluster, TOPIC);
    await stopBoth();

    const files = fs.readdirSync(path.join(dir, 'topics', TOPIC)).sort();
    expect(files).toEqual(['0.jsonl', '1.jsonl', '2.jsonl']);

    const second = await startWithLog();
    expect(second.log.restored).toMatchObject({ records: sent + 1, tornLines: 0 });
    expect(await watermarks(second.cluster, TOPIC)).toEqual(beforeMarks);
    expect(await committed(second.cluster, GROUP)).toEqual(before);
    const afterRecords = await readAll(second.cluster, [TOPIC, DLQ], sent + 1);
    expect(afterRecords).toEqual(beforeRecords);
    expect(afterRecords.find((r) => r.topic === DLQ)).toMatchObject({ key: 'dead', value: 'a dead letter', headers: { 'dlq-error': 'boom' } });
    expect(afterRecords.find((r) => r.value === 'value-7')).toMatchObject({
      key: 'key-7',
      partition: 1,
      timestamp: '1700000000007',
      headers: { 'event-type': 'type-1', repeated: ['a', 'b-7'] },
    });

    // Records produced after the restart continue the offsets and are kept too.
    const producer2 = kafkaOf(second.cluster).producer();
    await producer2.connect();
    await producer2.send({ topic: TOPIC, messages: [{ partition: 0, key: 'later', value: 'after the restart' }] });
    await producer2.disconnect();
    const [p0] = await watermarks(second.cluster, TOPIC);
    expect(p0.high).toBe(String(Number(beforeMarks[0].high) + 1));
    await stopBoth();

    const third = await startWithLog();
    expect(third.log.restored.records).toBe(sent + 2);
    const restored = await readAll(third.cluster, [TOPIC], sent + 1);
    expect(restored.find((r) => r.value === 'after the restart')).toMatchObject({ partition: 0, offset: beforeMarks[0].high });
    await stopBoth();
  });

  it('ignores a torn last line (a crash while writing) and keeps appending after it', async () => {
    const file = path.join(dir, 'topics', TOPIC, '2.jsonl');
    const whole = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    fs.appendFileSync(file, '{"o":"99","t":"17000');

    const { cluster, log } = await startWithLog();
    expect(log.restored.tornLines).toBe(1);
    const marks = await watermarks(cluster, TOPIC);
    expect(marks[2].high).toBe(String(whole));
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);

    const producer = kafkaOf(cluster).producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ partition: 2, value: 'after the tear' }] });
    await producer.disconnect();
    await stopBoth();

    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(whole + 1);
    expect(JSON.parse(lines[whole])).toMatchObject({ o: String(whole), v: Buffer.from('after the tear').toString('base64') });
  });
});

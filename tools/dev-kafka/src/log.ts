/**
 * The dev cluster's event log on disk, so `npm start` keeps its topics across restarts as Apache Kafka would.
 *
 * librdkafka's mock cluster holds everything in memory and exposes no way to read or load its partitions,
 * so the log is kept from the outside, over the Kafka protocol:
 *
 * - Keeping: a consumer (its own group, never committing) reads every topic and appends each record (offset,
 *   timestamp, key, value, headers) as one JSON line to `<dir>/topics/<topic>/<partition>.jsonl`, then
 *   fdatasyncs the file before it takes the next batch. Every second (and at stop) it reads the committed
 *   offsets of the known consumer groups and rewrites `<dir>/groups.json` (temp file, fsync, rename).
 * - Restoring, at start, before anything else connects: every topic in `<dir>/topics.json` is created, each
 *   partition's lines are produced back to the same partition in file order (so offsets come out the same;
 *   checked against the high watermark afterwards), then each group's committed offsets are committed again.
 *
 * The mock cannot list consumer groups (no ListGroups/DescribeGroups), so the groups to keep are named by
 * the caller (`npm start` names every service's consumers), plus every dead-letter topic's redrive group and
 * any group already in `groups.json`.
 *
 * Crash safety: a record reaches the file some milliseconds after it was acknowledged to its producer; on a
 * clean stop the keeper first catches up with the high watermarks. After a crash (kill -9, power loss) the
 * last few records may be missing and the last line may be torn: a torn last line is cut off at restore,
 * never fatal. Committed offsets are restored no higher than what was restored, so a consumer never skips
 * a record published after the restart.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Admin, type Consumer, type IHeaders, Kafka, type KafkaMessage, logLevel, type Producer } from 'kafkajs';
import type { DevKafkaCluster } from './index';

/** One record as kept on disk. Binary fields are base64, so any key, value or header survives exactly. */
export interface KeptRecord {
  /** Offset in its partition, as Kafka gives it (text: 64-bit). */
  o: string;
  /** Timestamp (ms since the epoch, text), as the producer set it. */
  t: string;
  k: string | null;
  v: string | null;
  /** Headers in order, `[name, base64 value]`; a repeated name appears once per value. */
  h: [string, string][];
}

/** `group -> topic -> partition -> committed offset`. */
export type GroupOffsets = Record<string, Record<string, Record<string, string>>>;

export interface DevKafkaLogOptions {
  /** Directory of the log, e.g. `.data/kafka`. Created if missing. */
  dir: string;
  /** Consumer groups whose committed offsets are kept and restored (the mock cannot list them). */
  groups?: readonly string[];
  /** How often committed offsets are saved. Default 1 s. */
  groupOffsetsIntervalMs?: number;
  /** How often the keeper looks for topics created after it started. Default 5 s. */
  topicScanIntervalMs?: number;
  /** Receives one line per notable event (restored, kept, errors). Default: nothing. */
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface RestoreSummary {
  topics: number;
  records: number;
  groups: number;
  /** Partitions whose last line was torn (a crash while writing) and cut off. */
  tornLines: number;
}

const TOPICS_FILE = 'topics.json';
const GROUPS_FILE = 'groups.json';
const KEEPER_GROUP_PREFIX = 'dev-kafka.log-keeper';
/** Bytes of record data per produce request at restore: the mock answers a fetch with one batch, keep them big. */
const RESTORE_BATCH_BYTES = 512 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;
const REDRIVE_GROUP_SUFFIX = '.dlq.redrive';

// kafkajs 2.2.4 internals (the version is pinned in package.json). The admin's setOffsets needs DescribeGroups,
// which the mock lacks; a commit with generation -1 and no member id is what Kafka accepts from a group
// without live members, and the mock too.
interface InternalBroker {
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; errorCode: number }[] }[] }>;
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<InternalBroker>;
}
type ClusterConstructor = new (options: Record<string, unknown>) => InternalCluster;

function partitionFile(dir: string, topic: string, partition: number): string {
  return path.join(dir, 'topics', topic, `${partition}.jsonl`);
}

/** Writes a small file so a crash leaves either the old or the new content, never a mix. */
function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new Error(`dev-kafka log: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isKeptRecord(value: unknown): value is KeptRecord {
  const r = value as Partial<KeptRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.o === 'string' &&
    typeof r.t === 'string' &&
    (r.k === null || typeof r.k === 'string') &&
    (r.v === null || typeof r.v === 'string') &&
    Array.isArray(r.h)
  );
}

/**
 * The records of one partition file, in order. A last line that does not parse (a write torn by a crash) is
 * cut off the file, so later appends start on a clean line; a bad line anywhere else is corruption and fails.
 */
export function readPartitionFile(file: string): { records: KeptRecord[]; torn: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], torn: false };
    throw error;
  }
  const records: KeptRecord[] = [];
  let position = 0;
  let torn = false;
  while (position < text.length) {
    const end = text.indexOf('\n', position);
    const line = end < 0 ? text.slice(position) : text.slice(position, end);
    let record: unknown;
    try {
      record = end < 0 ? undefined : JSON.parse(line);
    } catch {
      record = undefined;
    }
    if (!isKeptRecord(record)) {
      const isLast = end < 0 || end === text.length - 1;
      if (!isLast) throw new Error(`dev-kafka log: ${file} has a bad line at character ${position}: ${line.slice(0, 80)}`);
      torn = true;
      fs.truncateSync(file, Buffer.byteLength(text.slice(0, position)));
      break;
    }
    records.push(record);
    position = end + 1;
  }
  return { records, torn };
}

function toRecord(message: KafkaMessage): KeptRecord {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries((message.headers ?? {}) as IHeaders)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined) headers.push([name, Buffer.from(v).toString('base64')]);
  }
  return {
    o: message.offset,
    t: message.timestamp,
    k: message.key === null ? null : message.key.toString('base64'),
    v: message.value === null ? null : message.value.toString('base64'),
    h: headers,
  };
}

function headersOf(record: KeptRecord): IHeaders {
  const headers: IHeaders = {};
  for (const [name, value] of record.h) {
    const buffer = Buffer.from(value, 'base64');
    const existing = headers[name];
    if (existing === undefined) headers[name] = buffer;
    else headers[name] = [...(Array.isArray(existing) ? existing : [existing]), buffer];
  }
  return headers;
}

/** The dev cluster's log on disk: restored at `start`, kept while running, caught up at `stop`. */
export class DevKafkaLog {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly say: (msg: string, fields?: Record<string, unknown>) => void;
  /** `topic -> partitions` of every topic kept. */
  private readonly topics = new Map<string, number>();
  /** `topic:partition -> next offset expected`, i.e. how many records the file holds. */
  private readonly next = new Map<string, bigint>();
  private readonly fds = new Map<string, number>();
  private readonly groups = new Set<string>();
  private groupOffsets: GroupOffsets = {};
  private consumer: Consumer | undefined;
  private subscription = 0;
  private timers: NodeJS.Timeout[] = [];
  private stopping: Promise<void> | undefined;
  private failure: Error | undefined;
  private busy: Promise<void> = Promise.resolve();

  private constructor(
    private readonly cluster: DevKafkaCluster,
    private readonly options: DevKafkaLogOptions,
  ) {
    this.kafka = new Kafka({
      clientId: 'dev-kafka-log',
      brokers: cluster.bootstrapServers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    this.admin = this.kafka.admin();
    this.say = options.log ?? (() => undefined);
  }

  /** The restore summary of `start`. */
  restored: RestoreSummary = { topics: 0, records: 0, groups: 0, tornLines: 0 };

  /**
   * Restores the log in `options.dir` into `cluster` (which must be fresh: nothing produced yet) and starts
   * keeping it. Resolves once the topics hold every kept record and the groups their committed offsets.
   */
  static async start(cluster: DevKafkaCluster, options: DevKafkaLogOptions): Promise<DevKafkaLog> {
    const log = new DevKafkaLog(cluster, options);
    fs.mkdirSync(path.join(options.dir, 'topics'), { recursive: true });
    await log.admin.connect();
    try {
      await log.restore();
      await log.keep();
    } catch (error) {
      await log.close();
      throw error;
    }
    return log;
  }

  /** Catches up with the high watermarks, saves the groups' offsets and stops keeping. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /** Records kept so far per `topic:partition` (tests and diagnostics). */
  positions(): Record<string, string> {
    return Object.fromEntries([...this.next].map(([key, next]) => [key, next.toString()]));
  }

  private async restore(): Promise<void> {
    const dir = this.options.dir;
    const savedTopics = readJson<Record<string, number>>(path.join(dir, TOPICS_FILE), {});
    const existing = new Map<string, number>();
    const metadata = await this.admin.fetchTopicMetadata({ topics: await this.admin.listTopics() });
    for (const topic of metadata.topics) existing.set(topic.name, topic.partitions.length);
    for (const [topic, partitions] of Object.entries(savedTopics)) {
      const have = existing.get(topic);
      if (have === undefined) await this.cluster.createTopic(topic, partitions);
      else if (have !== partitions) {
        throw new Error(`dev-kafka log: ${topic} was kept with ${partitions} partitions but the cluster has it with ${have}; move ${dir} away to start empty`);
      }
      existing.set(topic, partitions);
    }
    for (const [topic, partitions] of existing) this.topics.set(topic, partitions);
    this.saveTopics();

    const producer: Producer = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 10 } });
    await producer.connect();
    try {
      const restores: Promise<void>[] = [];
      for (const [topic, partitions] of this.topics) {
        for (let partition = 0; partition < partitions; partition++) restores.push(this.restorePartition(producer, topic, partition));
      }
      await Promise.all(restores);
    } finally {
      await producer.disconnect();
    }
    await this.checkRestoredWatermarks();

    this.groupOffsets = readJson<GroupOffsets>(path.join(dir, GROUPS_FILE), {});
    for (const group of [...(this.options.groups ?? []), ...Object.keys(this.groupOffsets)]) this.groups.add(group);
    await this.restoreGroupOffsets();
    this.restored.topics = [...this.topics.keys()].filter((topic) => [...this.next].some(([key, n]) => key.startsWith(`${topic}:`) && n > 0n)).length;
    this.restored.groups = Object.keys(this.groupOffsets).length;
    this.say('dev kafka log restored', { dir, ...this.restored });
  }

  private async restorePartition(producer: Producer, topic: string, partition: number): Promise<void> {
    const file = partitionFile(this.options.dir, topic, partition);
    const { records, torn } = readPartitionFile(file);
    if (torn) {
      this.restored.tornLines += 1;
      this.say('dev kafka log: cut off a torn last line (the previous run stopped while writing)', { file });
    }
    records.forEach((record, index) => {
      if (BigInt(record.o) !== BigInt(index)) {
        throw new Error(`dev-kafka log: ${file} line ${index + 1} has offset ${record.o}, expected ${index}: the file is not a whole partition`);
      }
    });
    let batch: KeptRecord[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        messages: batch.map((record) => ({
          partition,
          timestamp: record.t,
          key: record.k === null ? null : Buffer.from(record.k, 'base64'),
          value: record.v === null ? null : Buffer.from(record.v, 'base64'),
          headers: headersOf(record),
        })),
      });
      batch = [];
      bytes = 0;
    };
    for (const record of records) {
      batch.push(record);
      bytes += (record.v?.length ?? 0) + (record.k?.length ?? 0) + 64;
      if (bytes >= RESTORE_BATCH_BYTES) await flush();
    }
    await flush();
    this.next.set(`${topic}:${partition}`, BigInt(records.length));
    this.restored.records += records.length;
  }

  /** Every partition must hold exactly its file: a retried produce that was applied twice would show here. */
  private async checkRestoredWatermarks(): Promise<void> {
    for (const topic of this.topics.keys()) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) {
        const expected = this.next.get(`${topic}:${p.partition}`) ?? 0n;
        if (BigInt(p.high) !== expected || BigInt(p.low) !== 0n) {
          throw new Error(`dev-kafka log: restoring ${topic}:${p.partition} gave offsets ${p.low}..${p.high}, expected 0..${expected}`);
        }
      }
    }
  }

  private async restoreGroupOffsets(): Promise<void> {
    const entries = Object.entries(this.groupOffsets);
    if (entries.length === 0) return;
    const Cluster = internal<ClusterConstructor>('kafkajs/src/cluster');
    const cluster = new Cluster({
      logger: internal<{ createLogger(options: { level: number; logCreator: () => () => void }): unknown }>('kafkajs/src/loggers').createLogger({
        level: logLevel.NOTHING,
        logCreator: () => noop,
      }),
      brokers: this.cluster.bootstrapServers,
      clientId: 'dev-kafka-log',
      connectionTimeout: 1_000,
      requestTimeout: 10_000,
      enforceRequestTimeout: true,
      retry: { retries: 10 },
      offsets: new Map(),
      socketFactory: internal<() => unknown>('kafkajs/src/network/socketFactory')(),
      metadataMaxAge: 300_000,
      allowAutoTopicCreation: false,
      maxInFlightRequests: null,
      instrumentationEmitter: null,
    });
    await cluster.connect();
    try {
      for (const [groupId, topics] of entries) {
        const commit = Object.entries(topics)
          .filter(([topic]) => this.topics.has(topic))
          .map(([topic, partitions]) => ({
            topic,
            partitions: Object.entries(partitions).map(([partition, offset]) => {
              // Never past what was restored: a consumer must not skip records published after the restart.
              const restored = this.next.get(`${topic}:${partition}`) ?? 0n;
              return { partition: Number(partition), offset: (BigInt(offset) < restored ? BigInt(offset) : restored).toString() };
            }),
          }));
        if (commit.length === 0) continue;
        const coordinator = await cluster.findGroupCoordinator({ groupId });
        const response = await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: '', topics: commit });
        const failed = response.responses.flatMap((t) =>
          t.partitions.filter((p) => p.errorCode !== 0).map((p) => `${t.topic}:${p.partition} (error ${p.errorCode})`),
        );
        if (failed.length > 0) throw new Error(`dev-kafka log: restoring the offsets of group ${groupId} failed for ${failed.join(', ')}`);
      }
    } finally {
      await cluster.disconnect();
    }
  }

  private saveTopics(): void {
    writeFileAtomic(path.join(this.options.dir, TOPICS_FILE), `${JSON.stringify(Object.fromEntries(this.topics), null, 2)}\n`);
  }

  private async keep(): Promise<void> {
    await this.subscribe();
    const every = (ms: number, task: () => Promise<void>): void => {
      const timer = setInterval(() => {
        this.busy = this.busy.then(task).catch((error: unknown) => this.say('dev kafka log: keeping failed', { error: String(error) }));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.groupOffsetsIntervalMs ?? 1_000, () => this.saveGroupOffsets());
    every(this.options.topicScanIntervalMs ?? 5_000, () => this.scanTopics());
  }

  /** (Re)starts the keeper's consumer on every known topic, from each partition's next offset. */
  private async subscribe(): Promise<void> {
    const previous = this.consumer;
    this.consumer = undefined;
    await previous?.disconnect();
    for (const [topic, partitions] of this.topics) {
      for (let partition = 0; partition < partitions; partition++) {
        const key = `${topic}:${partition}`;
        if (!this.next.has(key)) this.next.set(key, 0n);
      }
    }
    // A fresh group each time: the keeper never commits (its files are its position), and a new group
    // avoids the mock's slow rebalance of an existing one.
    this.subscription += 1;
    const consumer = this.kafka.consumer({
      groupId: `${KEEPER_GROUP_PREFIX}.${process.pid}.${Date.now().toString(36)}.${this.subscription}`,
      allowAutoTopicCreation: false,
      sessionTimeout: 6_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 50,
      retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics.keys()], fromBeginning: true });
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.consumer !== consumer || this.stopping) return;
      this.say('dev kafka log: the keeper consumer crashed; starting it again', { error: String(event.payload.error) });
      this.busy = this.busy.then(() => this.subscribe()).catch((error: unknown) => this.fail(error));
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => this.append(batch.topic, batch.partition, batch.messages),
    });
    for (const [key, next] of this.next) {
      const at = key.lastIndexOf(':');
      if (next > 0n) consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset: next.toString() });
    }
    this.consumer = consumer;
  }

  /** Appends the records the file does not hold yet (a redelivery after a seek or restart is skipped), then syncs. */
  private append(topic: string, partition: number, messages: KafkaMessage[]): void {
    const key = `${topic}:${partition}`;
    let next = this.next.get(key) ?? 0n;
    const lines: string[] = [];
    for (const message of messages) {
      const offset = BigInt(message.offset);
      if (offset < next) continue;
      if (offset > next)
        this.say('dev kafka log: a gap in a partition (records missing before this offset)', {
          topic,
          partition,
          expected: next.toString(),
          offset: message.offset,
        });
      lines.push(`${JSON.stringify(toRecord(message))}\n`);
      next = offset + 1n;
    }
    if (lines.length === 0) return;
    let fd = this.fds.get(key);
    if (fd === undefined) {
      const file = partitionFile(this.options.dir, topic, partition);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fd = fs.openSync(file, 'a');
      this.fds.set(key, fd);
    }
    fs.writeSync(fd, lines.join(''));
    // The policy: a batch is on disk before the keeper takes the next one (see the file comment).
    fs.fdatasyncSync(fd);
    this.next.set(key, next);
  }

  private async scanTopics(): Promise<void> {
    const names = (await this.admin.listTopics()).filter((name) => !this.topics.has(name));
    if (names.length === 0 || this.stopping) return;
    const metadata = await this.admin.fetchTopicMetadata({ topics: names });
    for (const topic of metadata.topics) this.topics.set(topic.name, topic.partitions.length);
    this.saveTopics();
    this.say('dev kafka log: keeping new topics', { topics: names });
    await this.subscribe();
  }

  private async saveGroupOffsets(): Promise<void> {
    for (const topic of this.topics.keys()) {
      if (topic.endsWith('.dlq')) this.groups.add(`${topic.slice(0, -'.dlq'.length)}${REDRIVE_GROUP_SUFFIX}`);
    }
    const topics = [...this.topics.keys()];
    const next: GroupOffsets = {};
    for (const groupId of this.groups) {
      const committed: Record<string, Record<string, string>> = {};
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId, topics })) {
        for (const { partition, offset } of partitions) {
          if (BigInt(offset) < 0n) continue;
          (committed[topic] ??= {})[String(partition)] = offset;
        }
      }
      // A group that committed nothing in this run keeps what it had (e.g. not started yet).
      if (Object.keys(committed).length > 0) next[groupId] = committed;
      else if (this.groupOffsets[groupId]) next[groupId] = this.groupOffsets[groupId];
    }
    if (JSON.stringify(next) === JSON.stringify(this.groupOffsets)) return;
    this.groupOffsets = next;
    writeFileAtomic(path.join(this.options.dir, GROUPS_FILE), `${JSON.stringify(next, null, 2)}\n`);
  }

  private async doStop(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.timers = [];
    await this.busy;
    if (this.consumer && !this.failure) {
      // Catch up with what the cluster holds now (producers are stopped first), so a clean stop loses nothing.
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      const behind = async (): Promise<string[]> => {
        const late: string[] = [];
        for (const topic of this.topics.keys()) {
          for (const p of await this.admin.fetchTopicOffsets(topic)) {
            if ((this.next.get(`${topic}:${p.partition}`) ?? 0n) < BigInt(p.high)) late.push(`${topic}:${p.partition}`);
          }
        }
        return late;
      };
      let late = await behind();
      while (late.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        late = await behind();
      }
      if (late.length > 0) this.say('dev kafka log: stopped before keeping every record', { partitions: late });
      await this.saveGroupOffsets().catch((error: unknown) => this.say('dev kafka log: could not save committed offsets', { error: String(error) }));
    }
    await this.close();
  }

  private async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.say('dev kafka log: keeping stopped', { error: this.failure.message });
  }
}

function noop(): void {
  return undefined;
}

/** A kafkajs 2.2.4 internal module (see InternalCluster). */
function internal<T>(id: string): T {
  return createRequire(__filename)(id) as T;
}

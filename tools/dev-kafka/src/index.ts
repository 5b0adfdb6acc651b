/**
 * The dev Kafka cluster: librdkafka's mock cluster (a real Kafka wire-protocol implementation, in memory)
 * run as a child process (tools/dev-kafka/native/dev_kafka.c), with a typed API to create topics and to
 * inject faults: brokers down, leader moves, request errors, latency.
 *
 * Known limits: no CreateTopics/DeleteTopics/DescribeConfigs (create topics through `createTopic`), the
 * cluster reports controller id 0 so kafkajs admin topic operations and the idempotent producer fail, and
 * everything is in memory (no retention, no compaction, gone on stop) unless a `DevKafkaLog` (log.ts) keeps
 * it on disk.
 */
// The catalog's envelope classes use class-transformer decorators, which need the Reflect metadata API.
import 'reflect-metadata';
import { allTopicSpecs } from '@crosswalk/contracts';
import { ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';

/** Kafka protocol request types (ApiKey), for `pushRequestErrors`. */
export const KafkaApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  ApiVersions: 18,
  InitProducerId: 22,
} as const;
export type KafkaApiKey = (typeof KafkaApiKey)[keyof typeof KafkaApiKey];

/**
 * Kafka protocol error codes, for `pushRequestErrors`. All but `MessageSizeTooLarge`, `InvalidRequest` and
 * `TopicAuthorizationFailed` are retriable for kafkajs. `Transport` is librdkafka's own code: the mock broker
 * drops the connection instead of answering.
 */
export const KafkaErrorCode = {
  UnknownTopicOrPartition: 3,
  LeaderNotAvailable: 5,
  NotLeaderForPartition: 6,
  RequestTimedOut: 7,
  MessageSizeTooLarge: 10,
  NetworkException: 13,
  CoordinatorLoadInProgress: 14,
  CoordinatorNotAvailable: 15,
  NotCoordinator: 16,
  NotEnoughReplicas: 19,
  NotEnoughReplicasAfterAppend: 20,
  RebalanceInProgress: 27,
  TopicAuthorizationFailed: 29,
  /** What the mock answers a follower's SyncGroup that arrives after the leader completed the generation. */
  InvalidRequest: 42,
  Transport: -195,
} as const;
export type KafkaErrorCode = (typeof KafkaErrorCode)[keyof typeof KafkaErrorCode];

/**
 * How long consumers of the dev cluster should let a fetch wait for data (kafkajs `maxWaitTimeInMs`).
 *
 * librdkafka's mock broker holds a fetch that finds no data for its whole MaxWait, even when records
 * arrive meanwhile (rdkafka_mock_handlers.c: "This isn't strictly correct since we should cut the wait
 * short"), and it answers a fetch with at most one record batch per partition ("FIXME: Multiple
 * messageSets ?"). Apache Kafka answers as soon as data arrives and returns every batch up to maxBytes, so
 * the services' 500 ms costs nothing there; on this cluster it is added to every hop, and a consumer
 * that fell behind catches up one batch per fetch. 20 ms keeps a hop short for about 50 small fetches per
 * second per broker and consumer while idle. `npm start` passes it to the services as
 * `KAFKA_FETCH_MAX_WAIT_MS`; the bench uses it too.
 */
export const DEV_KAFKA_FETCH_MAX_WAIT_MS = 20;

export interface DevKafkaTopic {
  readonly name: string;
  readonly partitions: number;
}

export interface DevKafkaStartOptions {
  /** Number of brokers, ids 1..n. Default 1. */
  brokers?: number;
  /** Topics to create before the cluster reports ready. Default: the catalog, `allTopicSpecs()`. */
  topics?: readonly DevKafkaTopic[];
  /** How long to wait for the cluster to be ready. Default 15 s (includes building the binary). */
  startTimeoutMs?: number;
  /** How long one control command may take. Default 10 s. */
  commandTimeoutMs?: number;
}

export interface DevKafkaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

type DevKafkaProcess = ChildProcessByStdio<Writable, Readable, Readable>;

interface PendingCommand {
  readonly command: string;
  resolve(): void;
  reject(error: Error): void;
}

const STDERR_TAIL_CHARS = 16_384;
const STOP_TIMEOUT_MS = 5_000;
const NAME_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/** The repository root: the first ancestor holding tools/dev-kafka/build.js (works from src/ and dist/). */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'tools', 'dev-kafka', 'build.js'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`dev-kafka: cannot find tools/dev-kafka/build.js above ${__dirname}`);
    }
    dir = parent;
  }
}

interface BuildScript {
  ensureDevKafkaBinary(): string;
}

/** Builds the native binary if it is missing or stale and returns its path. */
export function ensureDevKafkaBinary(): string {
  const buildScript = path.join(repoRoot(), 'tools', 'dev-kafka', 'build.js');
  const load = createRequire(__filename);
  return (load(buildScript) as BuildScript).ensureDevKafkaBinary();
}

function checkInt(what: string, value: number, min: number, max = 2_147_483_647): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`dev-kafka: ${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function checkName(topic: string): void {
  if (!NAME_PATTERN.test(topic)) throw new RangeError(`dev-kafka: invalid topic name ${JSON.stringify(topic)}`);
}

function debugEnabled(): boolean {
  const value = process.env.DEV_KAFKA_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

export class DevKafkaCluster {
  /** `host:port` of every broker, in broker id order. */
  readonly bootstrapServers: string[];
  /** Broker ids, 1..n. */
  readonly brokers: number[];
  /** Process id of the cluster process. */
  readonly pid: number;
  /** Settles when the cluster process has exited, for whatever reason. */
  readonly exited: Promise<DevKafkaExit>;

  private readonly queue: PendingCommand[] = [];
  private inFlight: PendingCommand | undefined;
  private inFlightTimer: NodeJS.Timeout | undefined;
  private exitInfo: DevKafkaExit | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: DevKafkaProcess,
    bootstrapServers: string,
    brokerCount: number,
    private readonly commandTimeoutMs: number,
    private readonly stderrTail: () => string,
    exited: Promise<DevKafkaExit>,
  ) {
    this.bootstrapServers = bootstrapServers.split(',').filter((s) => s.length > 0);
    this.brokers = Array.from({ length: brokerCount }, (_, i) => i + 1);
    if (child.pid === undefined) throw new Error('dev-kafka: the cluster process has no pid');
    this.pid = child.pid;
    this.exited = exited.then((info) => {
      this.exitInfo = info;
      this.failAll(new Error(`dev-kafka: the cluster process exited (${describeExit(info)})${this.stderrSuffix()}`));
      return info;
    });
  }

  /** Starts a cluster and resolves once it accepts connections and its topics exist. */
  static async start(options: DevKafkaStartOptions = {}): Promise<DevKafkaCluster> {
    const brokers = options.brokers ?? 1;
    checkInt('brokers', brokers, 1, 64);
    const topics = options.topics ?? allTopicSpecs();
    for (const topic of topics) {
      checkName(topic.name);
      checkInt(`partitions of ${topic.name}`, topic.partitions, 1, 100_000);
    }
    const startTimeoutMs = options.startTimeoutMs ?? 15_000;
    const commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
    const deadline = Date.now() + startTimeoutMs;

    const binary = ensureDevKafkaBinary();
    const args = ['--brokers', String(brokers), ...topics.flatMap((t) => ['--topic', `${t.name}:${t.partitions}`])];
    const child: DevKafkaProcess = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });

    let stderr = '';
    const debug = debugEnabled();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (debug) process.stderr.write(chunk);
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const stderrTail = (): string => stderr.trim();
    // A write after the process died must surface as a command error, not as an unhandled 'error' event.
    child.stdin.on('error', () => undefined);

    const exited = new Promise<DevKafkaExit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

    const lines = lineReader(child.stdout);
    const first = await withTimeout(
      Promise.race([lines.next(), exited.then((exit) => ({ exit })), spawnError.then((error) => ({ error }))]),
      Math.max(0, deadline - Date.now()),
    );

    const fail = async (message: string): Promise<never> => {
      // No pid: spawning failed and there is no process (and no 'exit' event) to wait for.
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      const tail = stderrTail();
      throw new Error(`dev-kafka: ${message}${tail ? `\n${tail}` : ''}`);
    };

    if (first === 'timeout') return fail(`the cluster was not ready within ${startTimeoutMs} ms`);
    if ('exit' in first) {
      await new Promise((resolve) => setImmediate(resolve)); // let the last stderr chunk arrive
      return fail(`the cluster process exited before it was ready (${describeExit(first.exit)})`);
    }
    if ('error' in first) return fail(`could not start ${binary}: ${first.error.message}`);
    if (first.done) {
      // stdout closed before READY: the process is exiting; report how (briefly wait for its exit status).
      const exit = await withTimeout(exited, 1_000);
      await new Promise((resolve) => setImmediate(resolve));
      const how = exit === 'timeout' ? 'it closed its stdout' : describeExit(exit);
      return fail(`the cluster process exited before it was ready (${how})`);
    }
    const match = /^READY (\S+)$/.exec(first.value);
    if (!match) return fail(`unexpected first line from the cluster: ${JSON.stringify(first.value)}`);

    const cluster = new DevKafkaCluster(child, match[1], brokers, commandTimeoutMs, stderrTail, exited);
    void cluster.readReplies(lines);
    return cluster;
  }

  /** Creates a topic (replication factor min(3, brokers)). Fails if it exists. */
  createTopic(name: string, partitions: number): Promise<void> {
    checkName(name);
    checkInt('partitions', partitions, 1, 100_000);
    return this.command(`topic ${name} ${partitions}`);
  }

  /** Disconnects a broker and refuses new connections. Does not move partition leaders. */
  brokerDown(brokerId: number): Promise<void> {
    this.checkBroker(brokerId);
    return this.command(`broker_down ${brokerId}`);
  }

  /** Lets a broker accept connections again. */
  brokerUp(brokerId: number): Promise<void> {
    this.checkBroker(brokerId);
    return this.command(`broker_up ${brokerId}`);
  }

  /** Moves a partition's leader (clients see NOT_LEADER_FOR_PARTITION and refresh metadata). */
  setPartitionLeader(topic: string, partition: number, brokerId: number): Promise<void> {
    checkName(topic);
    checkInt('partition', partition, 0);
    this.checkBroker(brokerId);
    return this.command(`leader ${topic} ${partition} ${brokerId}`);
  }

  /**
   * The next `errors.length` requests of type `apiKey`, on any broker, fail with these error codes in order.
   * See `KafkaApiKey` and `KafkaErrorCode`.
   */
  pushRequestErrors(apiKey: KafkaApiKey | number, errors: readonly (KafkaErrorCode | number)[]): Promise<void> {
    checkInt('apiKey', apiKey, 0, 32_767);
    if (errors.length === 0 || errors.length > 60) {
      throw new RangeError('dev-kafka: pushRequestErrors takes 1 to 60 error codes');
    }
    errors.forEach((error) => checkInt('error code', error, -1000, 10_000));
    return this.command(`push_errors ${apiKey} ${errors.join(' ')}`);
  }

  /** Drops the errors pushed for `apiKey` that have not been consumed yet. */
  clearRequestErrors(apiKey: KafkaApiKey | number): Promise<void> {
    checkInt('apiKey', apiKey, 0, 32_767);
    return this.command(`clear_errors ${apiKey}`);
  }

  /** Delays every response of a broker by `ms` (0 to reset). */
  setRoundTripTime(brokerId: number, ms: number): Promise<void> {
    this.checkBroker(brokerId);
    checkInt('round-trip time', ms, 0);
    return this.command(`rtt ${brokerId} ${ms}`);
  }

  /** Pins the coordinator of a consumer group (or transactional id) to a broker, instead of the hash default. */
  setCoordinator(keyType: 'group' | 'transaction', key: string, brokerId: number): Promise<void> {
    if (!/^\S{1,255}$/.test(key)) throw new RangeError(`dev-kafka: invalid ${keyType} id ${JSON.stringify(key)}`);
    this.checkBroker(brokerId);
    return this.command(`coordinator ${keyType} ${key} ${brokerId}`);
  }

  /** Stops the cluster: closes its stdin, waits for it to exit, SIGKILLs it after a deadline. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.exitInfo) return;
    this.child.stdin.end();
    if ((await withTimeout(this.exited, STOP_TIMEOUT_MS)) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private checkBroker(brokerId: number): void {
    if (!this.brokers.includes(brokerId)) {
      throw new RangeError(`dev-kafka: unknown broker ${brokerId} (brokers are ${this.brokers.join(', ')})`);
    }
  }

  private command(command: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.exitInfo || this.stopping) {
        reject(new Error(`dev-kafka: cannot run \`${command}\`: the cluster is stopped`));
        return;
      }
      this.queue.push({ command, resolve, reject });
      this.sendNext();
    });
  }

  /** One command in flight at a time: the protocol answers in order, one line per command. */
  private sendNext(): void {
    if (this.inFlight || this.exitInfo) return;
    const next = this.queue.shift();
    if (!next) return;
    this.inFlight = next;
    this.inFlightTimer = setTimeout(() => {
      // The reply stream is now out of step; nothing after this can be trusted.
      this.failAll(new Error(`dev-kafka: \`${next.command}\` got no reply within ${this.commandTimeoutMs} ms`));
      this.child.kill('SIGKILL');
    }, this.commandTimeoutMs);
    this.child.stdin.write(`${next.command}\n`);
  }

  private async readReplies(lines: AsyncIterator<string>): Promise<void> {
    for (;;) {
      const line = await lines.next();
      if (line.done) return;
      const pending = this.inFlight;
      if (!pending) continue; // nothing asked; ignore
      clearTimeout(this.inFlightTimer);
      this.inFlight = undefined;
      if (line.value === 'OK') pending.resolve();
      else pending.reject(new Error(`dev-kafka: \`${pending.command}\` failed: ${line.value.replace(/^ERR /, '')}`));
      this.sendNext();
    }
  }

  private failAll(error: Error): void {
    clearTimeout(this.inFlightTimer);
    const pending = [...(this.inFlight ? [this.inFlight] : []), ...this.queue.splice(0)];
    this.inFlight = undefined;
    pending.forEach((p) => p.reject(error));
  }

  private stderrSuffix(): string {
    const tail = this.stderrTail();
    return tail ? `\n${tail}` : '';
  }
}

/** `promise`'s value, or 'timeout' if it takes longer than `ms` (the timer never outlives the race). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeExit(info: DevKafkaExit): string {
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}

/** Lines of a text stream, without their line ends. */
function lineReader(stream: Readable): AsyncIterator<string> {
  const ready: string[] = [];
  const waiting: ((result: IteratorResult<string>) => void)[] = [];
  let buffer = '';
  let ended = false;

  const push = (line: string): void => {
    const waiter = waiting.shift();
    if (waiter) waiter({ value: line, done: false });
    else ready.push(line);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      push(buffer.slice(0, nl).replace(/\r$/, ''));
      buffer = buffer.slice(nl + 1);
    }
  });
  const end = (): void => {
    if (ended) return;
    ended = true;
    if (buffer) push(buffer);
    buffer = '';
    waiting.splice(0).forEach((w) => w({ value: undefined, done: true }));
  };
  stream.on('end', end);
  stream.on('close', end);

  return {
    next(): Promise<IteratorResult<string>> {
      const line = ready.shift();
      if (line !== undefined) return Promise.resolve({ value: line, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
export { DevKafkaLog, type DevKafkaLogOptions, type GroupOffsets, type KeptRecord, type RestoreSummary, readPartitionFile } from './log';

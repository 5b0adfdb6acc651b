/**
 * A consumer PROCESS killed with SIGKILL mid-batch and started again applies every event exactly once:
 * the counting projection, its per-application rows and the inbox all agree with what was produced.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { deadLetterTopicOf, makeEnvelope } from '@crosswalk/contracts';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { createTestDatabase, pollUntil, type TestDatabase } from '@crosswalk/testing';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { createConnection, type Connection } from 'mysql2/promise';

const ROOT = resolve(__dirname, '../..');
const TOPIC = 'fault.ticks.v1';
const EVENTS = 2000;
const KEYS = 40;

describe('consumer process killed with SIGKILL mid-batch', () => {
  let cluster: DevKafkaCluster;
  let database: TestDatabase;
  let sql: Connection;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({
      brokers: 3,
      topics: [
        { name: TOPIC, partitions: 3 },
        { name: deadLetterTopicOf(TOPIC), partitions: 1 },
      ],
    });
    database = await createTestDatabase('sigkill');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sql?.end();
    await database?.drop();
    await cluster?.stop();
  });

  function startConsumer(): ChildProcess {
    const child = spawn(process.execPath, ['-r', './tools/runtime/paths.js', 'dist/tools/fault-consumer/src/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, KAFKA_BROKERS: cluster.bootstrapServers.join(','), HANDLER_DELAY_MS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[fault-consumer ${child.pid}] ${chunk.toString()}`));
    children.push(child);
    return child;
  }

  async function count(query: string): Promise<number> {
    const [rows] = await sql.query(query);
    return Number((rows as { n: string | number | null }[])[0].n ?? 0);
  }
  const applied = () => count('SELECT COALESCE(SUM(applied), 0) AS n FROM fault_tally');

  it('applies each of 2,000 events exactly once across the kill and the restart', async () => {
    const producer = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const context = { source: 'fault-test', correlationId: 'sigkill', actor: { kind: 'service' as const, id: 'fault-test' } };
    for (let start = 0; start < EVENTS; start += 500) {
      const messages = Array.from({ length: 500 }, (_, i) => {
        const envelope = makeEnvelope({ type: 'fault.tick', version: 1, key: `k${(start + i) % KEYS}`, cityId: null, payload: { seq: start + i } }, context);
        return { key: envelope.key, value: JSON.stringify(envelope) };
      });
      await producer.send({ topic: TOPIC, acks: -1, messages });
    }
    await producer.disconnect();

    const first = startConsumer();
    // The schema exists once the consumer has run its migrations.
    sql = await pollUntil(() => createConnection({ uri: database.url }), Boolean, { description: 'the test database', timeoutMs: 30_000 });
    await pollUntil(applied, (n) => n >= 300, { description: 'the first consumer to apply some events', timeoutMs: 120_000 });
    first.kill('SIGKILL');
    await pollUntil(() => first.exitCode !== null || first.signalCode !== null, Boolean, { description: 'the kill' });
    const atKill = await applied();
    expect(first.signalCode).toBe('SIGKILL');
    // Killed mid-stream: work was left for the second process.
    expect(atKill).toBeLessThan(EVENTS);

    const second = startConsumer();
    await pollUntil(applied, (n) => n >= EVENTS, { description: 'all events applied after the restart', timeoutMs: 180_000 });
    // Let the second consumer finish and commit its offsets, then stop it the normal way.
    second.kill('SIGTERM');
    await pollUntil(() => second.exitCode !== null, Boolean, { description: 'the second consumer to stop', timeoutMs: 30_000 });

    expect(await applied()).toBe(EVENTS);
    expect(await count('SELECT COUNT(*) AS n FROM fault_application')).toBe(EVENTS);
    expect(await count('SELECT COUNT(DISTINCT eventId) AS n FROM fault_application')).toBe(EVENTS);
    expect(await count("SELECT COUNT(*) AS n FROM messaging_inbox WHERE consumer = 'fault-tally'")).toBe(EVENTS);
    // Every aggregate got exactly its share: nothing lost on one key hidden by a double on another.
    expect(await count(`SELECT COUNT(*) AS n FROM fault_tally WHERE applied <> ${EVENTS / KEYS}`)).toBe(0);
    console.info(`SIGKILL at ${atKill} of ${EVENTS} applied; after restart ${EVENTS} applied, ${EVENTS} inbox rows, 0 doubles`);
  });
});

/**
 * `npm run replay` / `npm run redrive` as processes: the metrics service's entry point rebuilds its projection
 * from the topics (stale rows gone, the same rows back), refuses while the consumer group is live, refuses a
 * --from it cannot honour, refuses to replay from topics that lost events (unless --force), and republishes only
 * its own dead letters.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CityCreated, type CityCreatedV1, makeEnvelope } from '@crosswalk/contracts';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { deadLetterRecord } from '@crosswalk/messaging';
import { createTestDatabase, type TestDatabase } from '@crosswalk/testing';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { createConnection, type Connection } from 'mysql2/promise';

const ROOT = resolve(__dirname, '../..');
const TOPIC = 'schools.directory.v1';

describe('replay and redrive commands', () => {
  let cluster: DevKafkaCluster;
  let database: TestDatabase;
  let sql: Connection | undefined;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({ brokers: 1 });
    database = await createTestDatabase('replay_cmd');
    kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
    await cluster?.stop();
  });

  function run(...args: string[]): { status: number | null; output: string } {
    return runOn(cluster, ...args);
  }

  function runOn(on: DevKafkaCluster, ...args: string[]): { status: number | null; output: string } {
    const result = spawnSync(process.execPath, ['-r', './tools/runtime/paths.js', 'dist/services/metrics/src/replay.js', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        KAFKA_BROKERS: on.bootstrapServers.join(','),
        JWT_SECRET: 'replay-command-test-secret-0123456789',
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  const city = (name: string): CityCreatedV1 => ({ cityId: `city-${name.toLowerCase()}`, name, state: 'CO' });
  const envelopeOf = (payload: CityCreatedV1) =>
    makeEnvelope(
      { type: CityCreated.type, version: CityCreated.version, key: payload.cityId, cityId: payload.cityId, payload },
      { source: 'schools', correlationId: 'replay-test', actor: { kind: 'service', id: 'schools' } },
    );

  async function knownCities(): Promise<string[]> {
    const [rows] = await (sql as Connection).query('SELECT id FROM known_city ORDER BY id');
    return (rows as { id: string }[]).map((r) => r.id);
  }

  it('rebuilds the projection from the start of the topics, replacing what was there', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: ['Denver', 'Aurora', 'Boulder'].map((name) => {
        const envelope = envelopeOf(city(name));
        return { key: envelope.key, value: JSON.stringify(envelope) };
      }),
    });
    await producer.disconnect();

    const first = run('replay', 'metrics');
    expect(first.output).toContain('applied 3, duplicates 0, no handler 0, dead-lettered 0');
    expect(first.status).toBe(0);
    sql = await createConnection({ uri: database.url });
    expect(await knownCities()).toEqual(['city-aurora', 'city-boulder', 'city-denver']);

    // A row no event justifies (a damaged projection) disappears; the event-built ones come back.
    await sql.query("INSERT INTO known_city (id, name, state, joinedAt) VALUES ('city-stale', 'Stale', 'CO', NOW(3))");
    const second = run('replay', 'metrics');
    expect(second.status).toBe(0);
    expect(await knownCities()).toEqual(['city-aurora', 'city-boulder', 'city-denver']);
  });

  it('refuses --from and an unknown consumer, and says when it cannot check for live members', async () => {
    const from = run('replay', 'metrics', '--from', '2026-01-01T00:00:00Z');
    expect(from.status).toBe(2);
    expect(from.output).toContain('--from is not supported for metrics');

    const unknown = run('replay', 'nobody');
    expect(unknown.status).toBe(2);
    expect(unknown.output).toContain("metrics has no consumer 'nobody'; it has: metrics");

    // The live-member refusal needs DescribeGroups, which the dev cluster (librdkafka's mock) lacks: the
    // command says so instead of claiming a check it did not make.
    const replayed = run('replay', 'metrics');
    expect(replayed.status).toBe(0);
    expect(replayed.output).toContain('these brokers cannot list the group');
  });

  it('redrives only its own dead letters back to the original topic', async () => {
    const mine = envelopeOf(city('Pueblo'));
    const theirs = envelopeOf(city('Greeley'));
    const letter = (envelope: ReturnType<typeof envelopeOf>, consumer: string) =>
      deadLetterRecord({
        consumer,
        topic: TOPIC,
        partition: 0,
        offset: '0',
        key: envelope.key,
        value: JSON.stringify(envelope),
        reason: 'retries-exhausted',
        error: 'database down',
        attempts: 5,
      });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (const { topic, message } of [letter(mine, 'metrics'), letter(theirs, 'colocations')]) await producer.send({ topic, acks: -1, messages: [message] });
    await producer.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const before = (await admin.fetchTopicOffsets(TOPIC)).reduce((sum, p) => sum + Number(p.high), 0);
    const wrongTopic = run('redrive', 'metrics', '--topic', 'not.a.topic.v1');
    expect(wrongTopic.status).toBe(2);
    expect(wrongTopic.output).toContain("--topic must be one of metrics's topics");
    const result = run('redrive', 'metrics', '--topic', TOPIC);
    expect(result.status).toBe(0);
    expect(result.output).toContain(`${TOPIC}: redriven 1, passed over 1`);
    const after = (await admin.fetchTopicOffsets(TOPIC)).reduce((sum, p) => sum + Number(p.high), 0);
    await admin.disconnect();
    expect(after - before).toBe(1);
  });

  it('refuses to replay from topics that lost the events it applied, changing nothing; --force replays anyway', async () => {
    sql ??= await createConnection({ uri: database.url });
    const cities = await knownCities();
    expect(cities).toEqual(['city-aurora', 'city-boulder', 'city-denver']);
    // The catalog's topics on a fresh in-memory cluster: what `npm start` used to come back to.
    const emptied = await DevKafkaCluster.start({ brokers: 1 });
    try {
      const refused = runOn(emptied, 'replay', 'metrics');
      expect(refused.status).toBe(2);
      expect(refused.output).toContain('refusing to replay metrics: its topics hold less than its projection was built from');
      expect(refused.output).toContain(`${TOPIC}: the topic holds 0 event(s), the inbox records 3 applied from it`);
      expect(refused.output).toContain('--force');
      expect(await knownCities()).toEqual(cities);

      const forced = runOn(emptied, 'replay', 'metrics', '--force');
      expect(forced.status).toBe(0);
      expect(forced.output).toContain('applied 0, duplicates 0');
      expect(await knownCities()).toEqual([]);
    } finally {
      await emptied.stop();
    }
  });
});

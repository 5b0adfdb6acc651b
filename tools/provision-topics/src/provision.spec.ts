import 'reflect-metadata';
import { allTopicSpecs, TOPICS, type TopicSpec } from '@crosswalk/contracts';
import { readProvisionConfig } from './config';
import { provisionTopics, reportLines, type ProvisionLogger, type TopicAdmin } from './provision';

/** An in-memory cluster with kafkajs's rules: no topic twice, partition counts only go up. */
class FakeAdmin implements TopicAdmin {
  readonly topics = new Map<string, { partitions: number; replicationFactor: number }>();
  readonly calls: string[] = [];

  constructor(initial: Record<string, { partitions: number; replicationFactor?: number }> = {}) {
    for (const [name, t] of Object.entries(initial)) {
      this.topics.set(name, { partitions: t.partitions, replicationFactor: t.replicationFactor ?? 3 });
    }
  }

  async listTopics(): Promise<string[]> {
    this.calls.push('listTopics');
    return [...this.topics.keys()];
  }

  /** Topic configuration given at creation, by topic (only topics created with some). */
  readonly configs = new Map<string, Record<string, string>>();

  async createTopics(options: {
    topics: { topic: string; numPartitions: number; replicationFactor: number; configEntries?: { name: string; value: string }[] }[];
  }): Promise<boolean> {
    this.calls.push(`createTopics:${options.topics.map((t) => t.topic).join(',')}`);
    for (const t of options.topics) {
      if (t.configEntries) this.configs.set(t.topic, Object.fromEntries(t.configEntries.map((c) => [c.name, c.value])));
    }
    let created = false;
    for (const t of options.topics) {
      if (this.topics.has(t.topic)) continue;
      this.topics.set(t.topic, { partitions: t.numPartitions, replicationFactor: t.replicationFactor });
      created = true;
    }
    return created;
  }

  async createPartitions(options: { topicPartitions: { topic: string; count: number }[] }): Promise<boolean> {
    this.calls.push(`createPartitions:${options.topicPartitions.map((t) => `${t.topic}=${t.count}`).join(',')}`);
    for (const { topic, count } of options.topicPartitions) {
      const current = this.topics.get(topic);
      if (!current) throw new Error(`UNKNOWN_TOPIC_OR_PARTITION ${topic}`);
      if (count <= current.partitions) throw new Error(`INVALID_PARTITIONS ${topic}: ${count} <= ${current.partitions}`);
      current.partitions = count;
    }
    return true;
  }

  async fetchTopicMetadata(options: { topics: string[] }): Promise<{ topics: { name: string; partitions: { partitionId: number; replicas: number[] }[] }[] }> {
    this.calls.push('fetchTopicMetadata');
    return {
      topics: options.topics.map((name) => {
        const t = this.topics.get(name);
        if (!t) throw new Error(`UNKNOWN_TOPIC_OR_PARTITION ${name}`);
        return {
          name,
          partitions: Array.from({ length: t.partitions }, (_, partitionId) => ({
            partitionId,
            replicas: Array.from({ length: t.replicationFactor }, (_unused, i) => i + 1),
          })),
        };
      }),
    };
  }

  mutations(): string[] {
    return this.calls.filter((c) => c.startsWith('create'));
  }
}

function recordingLogger(): ProvisionLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (msg, fields) => warnings.push(`${msg} ${JSON.stringify(fields)}`) };
}

const spec = (name: string, partitions: number): TopicSpec => ({
  name,
  partitions,
  key: 'id',
  owner: 'schools',
  description: 'test topic',
});

describe('provisionTopics', () => {
  it('creates every catalog topic, dead-letter topics included, on an empty cluster', async () => {
    const admin = new FakeAdmin();
    const report = await provisionTopics(admin, allTopicSpecs(), { replicationFactor: 3 });

    const expected = allTopicSpecs();
    expect(report.created.map((c) => c.topic).sort()).toEqual(expected.map((t) => t.name).sort());
    expect(report.expanded).toEqual([]);
    expect(report.unchanged).toEqual([]);
    for (const t of expected) {
      expect(admin.topics.get(t.name)).toEqual({ partitions: t.partitions, replicationFactor: 3 });
    }
    // Every catalog topic has its dead-letter topic, with one partition.
    for (const t of TOPICS) expect(admin.topics.get(`${t.name}.dlq`)?.partitions).toBe(1);
    // One batched CreateTopics request.
    expect(admin.mutations()).toHaveLength(1);
    // Only the compacted topic (each record its key's whole state) is created with a configuration.
    expect(Object.fromEntries(admin.configs)).toEqual({ 'schools.contacts.v1': { 'cleanup.policy': 'compact' } });
  });

  it('uses the catalog by default and the replication factor it is given', async () => {
    const admin = new FakeAdmin();
    const report = await provisionTopics(admin, undefined, { replicationFactor: 1 });
    expect(report.created).toHaveLength(allTopicSpecs().length);
    expect([...admin.topics.values()].every((t) => t.replicationFactor === 1)).toBe(true);
  });

  it('creates only the missing topics and leaves matching ones alone', async () => {
    const admin = new FakeAdmin({ 'a.v1': { partitions: 3 } });
    const report = await provisionTopics(admin, [spec('a.v1', 3), spec('b.v1', 6)], { replicationFactor: 3 });

    expect(report.created).toEqual([{ topic: 'b.v1', partitions: 6, replicationFactor: 3 }]);
    expect(report.unchanged).toEqual([{ topic: 'a.v1', partitions: 3 }]);
    expect(admin.mutations()).toEqual(['createTopics:b.v1']);
  });

  it('adds partitions when the catalog asks for more', async () => {
    const admin = new FakeAdmin({ 'a.v1': { partitions: 3 }, 'b.v1': { partitions: 1 } });
    const report = await provisionTopics(admin, [spec('a.v1', 6), spec('b.v1', 1)], { replicationFactor: 3 });

    expect(report.expanded).toEqual([{ topic: 'a.v1', from: 3, to: 6 }]);
    expect(report.unchanged).toEqual([{ topic: 'b.v1', partitions: 1 }]);
    expect(report.created).toEqual([]);
    expect(admin.topics.get('a.v1')?.partitions).toBe(6);
    expect(admin.mutations()).toEqual(['createPartitions:a.v1=6']);
  });

  it('never decreases partitions and never deletes topics it does not know', async () => {
    const admin = new FakeAdmin({ 'a.v1': { partitions: 12 }, 'legacy.v0': { partitions: 2 } });
    const logger = recordingLogger();
    const report = await provisionTopics(admin, [spec('a.v1', 3)], { replicationFactor: 3, logger });

    expect(report.unchanged).toEqual([{ topic: 'a.v1', partitions: 12, catalogPartitions: 3 }]);
    expect(admin.topics.get('a.v1')?.partitions).toBe(12);
    expect(admin.topics.has('legacy.v0')).toBe(true);
    expect(admin.mutations()).toEqual([]);
    expect(logger.warnings.join('\n')).toMatch(/never decreased/);
  });

  it('is idempotent: a second run changes nothing and reports everything unchanged', async () => {
    const admin = new FakeAdmin({ 'schools.directory.v1': { partitions: 1 } });
    const first = await provisionTopics(admin, allTopicSpecs(), { replicationFactor: 3 });
    expect(first.created).toHaveLength(allTopicSpecs().length - 1);
    expect(first.expanded).toEqual([{ topic: 'schools.directory.v1', from: 1, to: 3 }]);

    const mutationsAfterFirst = admin.mutations().length;
    const second = await provisionTopics(admin, allTopicSpecs(), { replicationFactor: 3 });
    expect(second.created).toEqual([]);
    expect(second.expanded).toEqual([]);
    expect(second.unchanged.map((u) => u.topic).sort()).toEqual(
      allTopicSpecs()
        .map((t) => t.name)
        .sort(),
    );
    expect(admin.mutations()).toHaveLength(mutationsAfterFirst);
  });

  it('plans without changing anything in a dry run', async () => {
    const admin = new FakeAdmin({ 'a.v1': { partitions: 1 } });
    const report = await provisionTopics(admin, [spec('a.v1', 3), spec('b.v1', 3)], {
      replicationFactor: 3,
      dryRun: true,
    });
    expect(report.created.map((c) => c.topic)).toEqual(['b.v1']);
    expect(report.expanded).toEqual([{ topic: 'a.v1', from: 1, to: 3 }]);
    expect(admin.mutations()).toEqual([]);
    expect(admin.topics.has('b.v1')).toBe(false);
  });

  it('warns when an existing topic has another replication factor, without touching it', async () => {
    const admin = new FakeAdmin({ 'a.v1': { partitions: 3, replicationFactor: 1 } });
    const logger = recordingLogger();
    await provisionTopics(admin, [spec('a.v1', 3)], { replicationFactor: 3, logger });
    expect(logger.warnings.join('\n')).toMatch(/replication factor/);
    expect(admin.mutations()).toEqual([]);
  });

  it('rejects a bad replication factor or a broken catalog before touching the cluster', async () => {
    const admin = new FakeAdmin();
    await expect(provisionTopics(admin, [spec('a.v1', 3)], { replicationFactor: 0 })).rejects.toThrow(/replicationFactor/);
    await expect(provisionTopics(admin, [spec('a.v1', 3), spec('a.v1', 3)], { replicationFactor: 1 })).rejects.toThrow(/twice/);
    await expect(provisionTopics(admin, [spec('a.v1', 0)], { replicationFactor: 1 })).rejects.toThrow(/partition/);
    expect(admin.calls).toEqual([]);
  });

  it('propagates cluster errors', async () => {
    const admin = new FakeAdmin();
    admin.createTopics = () => Promise.reject(new Error('POLICY_VIOLATION'));
    await expect(provisionTopics(admin, [spec('a.v1', 3)], { replicationFactor: 3 })).rejects.toThrow('POLICY_VIOLATION');
  });
});

describe('reportLines', () => {
  it('prints one JSON object per topic and a summary line', () => {
    const lines = reportLines({
      created: [{ topic: 'b.v1', partitions: 3, replicationFactor: 3 }],
      expanded: [{ topic: 'a.v1', from: 1, to: 3 }],
      unchanged: [{ topic: 'c.v1', partitions: 1 }],
    }).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { action: 'created', topic: 'b.v1', partitions: 3, replicationFactor: 3 },
      { action: 'expanded', topic: 'a.v1', from: 1, to: 3 },
      { action: 'unchanged', topic: 'c.v1', partitions: 1 },
      { summary: true, dryRun: false, created: 1, expanded: 1, unchanged: 1 },
    ]);
  });
});

describe('readProvisionConfig', () => {
  it('reads brokers, defaults the replication factor to 3 and the client id', () => {
    expect(readProvisionConfig({ KAFKA_BROKERS: ' kafka-0:9092, kafka-1:9092 ' })).toEqual({
      brokers: ['kafka-0:9092', 'kafka-1:9092'],
      clientId: 'provision-topics',
      replicationFactor: 3,
      dryRun: false,
      acls: 'skip',
    });
  });

  it('takes TOPIC_REPLICATION_FACTOR, KAFKA_CLIENT_ID and --dry-run', () => {
    expect(readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092', TOPIC_REPLICATION_FACTOR: '1', KAFKA_CLIENT_ID: 'ops' }, ['--dry-run'])).toEqual({
      brokers: ['kafka:9092'],
      clientId: 'ops',
      replicationFactor: 1,
      dryRun: true,
      acls: 'skip',
    });
    expect(readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092', TOPIC_ACLS: 'apply' }).acls).toBe('apply');
  });

  it('fails with a message naming the variable', () => {
    expect(() => readProvisionConfig({})).toThrow(/KAFKA_BROKERS is not set/);
    expect(() => readProvisionConfig({ KAFKA_BROKERS: 'kafka' })).toThrow(/host:port/);
    expect(() => readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092', TOPIC_REPLICATION_FACTOR: 'three' })).toThrow(/TOPIC_REPLICATION_FACTOR/);
    expect(() => readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092', TOPIC_REPLICATION_FACTOR: '0' })).toThrow(/TOPIC_REPLICATION_FACTOR/);
    expect(() => readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092' }, ['--force'])).toThrow(/Unknown argument/);
    expect(() => readProvisionConfig({ KAFKA_BROKERS: 'kafka:9092', TOPIC_ACLS: 'yes' })).toThrow(/TOPIC_ACLS must be apply or skip/);
  });
});

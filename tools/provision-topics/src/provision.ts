// The contracts barrel also loads the event envelope, whose class-transformer decorators need the
// Reflect metadata API; load it here so this module works in any entry point (job, generator, tests).
import 'reflect-metadata';
import { allTopicSpecs, type TopicSpec } from '@crosswalk/contracts';

/**
 * The part of kafkajs's `Admin` that provisioning uses. kafkajs's `Admin` satisfies it as is (main.ts
 * assigns one to it, so the compiler checks that), and unit tests pass an in-memory fake.
 */
export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  createTopics(options: {
    topics: { topic: string; numPartitions: number; replicationFactor: number; configEntries?: { name: string; value: string }[] }[];
    waitForLeaders?: boolean;
  }): Promise<boolean>;
  createPartitions(options: { topicPartitions: { topic: string; count: number }[] }): Promise<boolean>;
  fetchTopicMetadata(options: { topics: string[] }): Promise<{ topics: { name: string; partitions: { partitionId: number; replicas: number[] }[] }[] }>;
}

export interface ProvisionLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface ProvisionOptions {
  /** Replication factor of topics this run creates (3 in production, 1 on a single-broker stack). */
  replicationFactor: number;
  logger?: ProvisionLogger;
  /** Plan only: report what would change and change nothing. */
  dryRun?: boolean;
}

export interface CreatedTopic {
  topic: string;
  partitions: number;
  replicationFactor: number;
}

export interface ExpandedTopic {
  topic: string;
  from: number;
  to: number;
}

export interface UnchangedTopic {
  topic: string;
  partitions: number;
  /** Set when the cluster has more partitions than the catalog asks for: never decreased. */
  catalogPartitions?: number;
}

export interface ProvisionReport {
  created: CreatedTopic[];
  expanded: ExpandedTopic[];
  unchanged: UnchangedTopic[];
}

const silent: ProvisionLogger = { info: () => undefined, warn: () => undefined };

/**
 * Brings a cluster in line with the topic catalog: creates missing topics with the catalog's partition
 * count and raises the partition count of topics that have fewer. It never deletes a topic and never
 * lowers a partition count (Kafka cannot, and reducing partitions would break per-key ordering anyway),
 * so running it again is harmless.
 */
export async function provisionTopics(
  admin: TopicAdmin,
  topics: readonly TopicSpec[] = allTopicSpecs(),
  options: ProvisionOptions = { replicationFactor: 3 },
): Promise<ProvisionReport> {
  const { replicationFactor, dryRun = false } = options;
  const logger = options.logger ?? silent;
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new Error(`replicationFactor must be a positive integer, got ${String(replicationFactor)}`);
  }
  assertValidCatalog(topics);

  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  const present = topics.filter((t) => existing.has(t.name));

  const report: ProvisionReport = { created: [], expanded: [], unchanged: [] };

  if (missing.length > 0) {
    if (!dryRun) {
      await admin.createTopics({
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          // A compacted topic keeps the latest record per key (each is the key's whole state).
          ...(t.compacted ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
        })),
        waitForLeaders: true,
      });
    }
    for (const t of missing) {
      report.created.push({ topic: t.name, partitions: t.partitions, replicationFactor });
    }
  }

  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
    const byName = new Map(metadata.topics.map((m) => [m.name, m]));
    const toExpand: ExpandedTopic[] = [];
    for (const t of present) {
      const found = byName.get(t.name);
      if (!found) throw new Error(`Topic ${t.name} is listed by the cluster but has no metadata`);
      const current = found.partitions.length;
      if (current < t.partitions) {
        toExpand.push({ topic: t.name, from: current, to: t.partitions });
      } else if (current > t.partitions) {
        logger.warn('topic has more partitions than the catalog; partitions are never decreased', {
          topic: t.name,
          cluster: current,
          catalog: t.partitions,
        });
        report.unchanged.push({ topic: t.name, partitions: current, catalogPartitions: t.partitions });
      } else {
        report.unchanged.push({ topic: t.name, partitions: current });
      }
      const replicas = found.partitions[0]?.replicas.length;
      if (replicas !== undefined && replicas !== replicationFactor) {
        logger.warn('existing topic has a different replication factor; provisioning does not change it', {
          topic: t.name,
          replicationFactor: replicas,
          requested: replicationFactor,
        });
      }
    }
    if (toExpand.length > 0) {
      if (!dryRun) {
        await admin.createPartitions({ topicPartitions: toExpand.map((e) => ({ topic: e.topic, count: e.to })) });
      }
      report.expanded.push(...toExpand);
    }
  }

  for (const c of report.created) logger.info(dryRun ? 'would create topic' : 'created topic', { ...c });
  for (const e of report.expanded) logger.info(dryRun ? 'would add partitions' : 'added partitions', { ...e });
  return report;
}

function assertValidCatalog(topics: readonly TopicSpec[]): void {
  const seen = new Set<string>();
  for (const t of topics) {
    if (seen.has(t.name)) throw new Error(`Topic ${t.name} appears twice in the catalog`);
    seen.add(t.name);
    if (!Number.isInteger(t.partitions) || t.partitions < 1) {
      throw new Error(`Topic ${t.name} has an invalid partition count ${String(t.partitions)}`);
    }
  }
}

/** One JSON object per line: one per topic, then a summary line. */
export function reportLines(report: ProvisionReport, dryRun = false): string[] {
  const lines: Record<string, unknown>[] = [
    ...report.created.map((c) => ({ action: dryRun ? 'would_create' : 'created', ...c })),
    ...report.expanded.map((e) => ({ action: dryRun ? 'would_expand' : 'expanded', ...e })),
    ...report.unchanged.map((u) => ({ action: 'unchanged', ...u })),
    {
      summary: true,
      dryRun,
      created: report.created.length,
      expanded: report.expanded.length,
      unchanged: report.unchanged.length,
    },
  ];
  return lines.map((l) => JSON.stringify(l));
}

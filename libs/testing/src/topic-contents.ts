// What a set of topics holds, whole: for tests that make a claim about everything on a topic (no analytics topic
// carries an email address), not only about the records they were waiting for.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { pollUntil } from './poll';

/** One record as read from a topic: where it was and its value, parsed when it is JSON. */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: unknown;
}

/**
 * Every record on `topics` from the beginning up to their end as of the call (the high watermarks read first), so
 * the caller knows it saw all of them, not merely the ones that had arrived.
 */
export async function readWholeTopics(brokers: readonly string[], topics: readonly string[]): Promise<TopicRecord[]> {
  const kafka = new Kafka({ clientId: 'topic-contents', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  const reached = new Map<string, bigint>();
  const done = () => [...ends].every(([at, high]) => (reached.get(at) ?? 0n) >= high);
  if (done()) return records;
  const consumer = kafka.consumer({ groupId: `topic-contents-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const text = message.value?.toString('utf8') ?? null;
        let value: unknown = text;
        try {
          value = text === null ? null : (JSON.parse(text) as unknown);
        } catch {
          // Not JSON: kept as text, which is what the caller then inspects.
        }
        records.push({ topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value });
        reached.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
      },
    });
    await pollUntil(done, (d) => d, { timeoutMs: 30_000, description: `every record of ${topics.join(', ')}` });
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Paths (`payload.email`, `items[2].to`) of every object property named `name` anywhere inside `value`. */
export function propertiesNamed(value: unknown, name: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => propertiesNamed(item, name, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = path ? `${path}.${key}` : key;
    return [...(key === name ? [at] : []), ...propertiesNamed(inner, name, at)];
  });
}

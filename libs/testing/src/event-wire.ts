// Integration tests of a service stand in for the other services on Kafka: they publish the events those
// would publish, read what the service under test publishes, and wait until its consumer group caught up.
// One helper for every service, so a new service's tests do not grow their own copy of this plumbing.
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, findContract } from '@crosswalk/contracts';
import { type Admin, type Consumer, Kafka, Partitioners, type Producer, logLevel } from 'kafkajs';

export interface EventWire {
  /** Publishes each envelope on its contract's topic, keyed by its aggregate, one after the other (as a relay keeps order). */
  publish(...envelopes: EventEnvelope<object>[]): Promise<void>;
  /** Every envelope read so far from the topics named in `read`, in arrival order. */
  readonly published: EventEnvelope<Record<string, unknown>>[];
  /** True when `group` has committed every record of `topics` (an inbox consumer commits after its transaction). */
  caughtUp(group: string, topics: readonly string[]): Promise<boolean>;
  close(): Promise<void>;
}

export interface EventWireOptions {
  /** Topics whose records to collect in `published` (what the service under test publishes). */
  read?: readonly string[];
  clientId?: string;
}

function topicOf(envelope: EventEnvelope<object>): string {
  const contract = findContract(envelope.type, envelope.version);
  if (!contract) throw new Error(`No contract ${envelope.type} v${envelope.version}: import its contract before publishing it`);
  return contract.topic;
}

export async function connectEventWire(brokers: readonly string[], options: EventWireOptions = {}): Promise<EventWire> {
  const kafka = new Kafka({ clientId: options.clientId ?? 'event-wire', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const admin: Admin = kafka.admin();
  const published: EventEnvelope<Record<string, unknown>>[] = [];
  let consumer: Consumer | undefined;
  await producer.connect();
  await admin.connect();
  if (options.read?.length) {
    consumer = kafka.consumer({ groupId: `event-wire-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.read], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) published.push(JSON.parse(message.value.toString('utf8')) as EventEnvelope<Record<string, unknown>>);
      },
    });
  }
  return {
    published,
    publish: async (...envelopes) => {
      for (const envelope of envelopes) {
        await producer.send({ topic: topicOf(envelope), acks: -1, messages: [{ key: envelope.key, value: JSON.stringify(envelope) }] });
      }
    },
    caughtUp: async (group, topics) => {
      for (const topic of topics) {
        const high = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        for (const p of high) {
          const at = committed.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1';
          if (p.high !== '0' && at !== p.high) return false;
        }
      }
      return true;
    },
    close: async () => {
      await consumer?.disconnect();
      await admin.disconnect();
      await producer.disconnect();
    },
  };
}

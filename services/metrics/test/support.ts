// Test plumbing for the metrics projections: publishing envelopes as the relays do, knowing when the
// service's consumer group has caught up, and the service's event handlers for a replay.
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { Published } from './network';

export interface Publisher {
  publish(events: readonly Published[]): Promise<void>;
  /** True when `group` has committed every record of `topics` (the inbox commits after each event). */
  caughtUp(group: string, topics: readonly string[]): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectPublisher(brokers: string[]): Promise<Publisher> {
  const kafka = new Kafka({ clientId: 'metrics-test', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const admin = kafka.admin();
  await producer.connect();
  await admin.connect();
  return {
    // One at a time, keyed by the aggregate id, so each key's records keep the given order.
    publish: async (events) => {
      for (const { topic, envelope } of events) {
        await producer.send({ topic, acks: -1, messages: [{ key: envelope.key, value: JSON.stringify(envelope) }] });
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
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}

/** The `@HandlesEvent` handlers of these handler objects by event type, as a replay finds them. */
export { eventHandlersOf } from '@crosswalk/messaging';

/** Every controller instance of the app (event handlers are controllers). */
export function controllersOf(app: INestApplication): object[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.instance as object | undefined).filter((i): i is object => i !== undefined),
  );
}

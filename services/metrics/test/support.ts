// Test plumbing for the metrics projections: publishing envelopes as the relays do, knowing when the
// service's consumer group has caught up, and the service's event handlers for a replay.
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { type EventHandler, type EventHandlers } from '@crosswalk/messaging';
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

/** The `@OnEvent` handlers of these handler objects by event type, read from the metadata Nest's transport reads. */
export function eventHandlersOf(instances: readonly object[]): EventHandlers {
  const handlers: Record<string, EventHandler> = {};
  for (const instance of instances) {
    const methods = instance as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
      const method = methods[name];
      if (typeof method !== 'function') continue;
      const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as string[] | undefined;
      for (const pattern of patterns ?? []) handlers[pattern] = (envelope, ctx) => method.call(instance, envelope, ctx) as unknown;
    }
  }
  return handlers;
}

/** Every controller instance of the app (event handlers are controllers). */
export function controllersOf(app: INestApplication): object[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.instance as object | undefined).filter((i): i is object => i !== undefined),
  );
}

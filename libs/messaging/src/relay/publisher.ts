import type { EventEnvelope } from '@crosswalk/contracts';
import { type Message, Partitioners, type Producer } from 'kafkajs';
import { envelopeHeaders } from '../headers';
import { type KafkaConnection, createKafka } from '../kafka-client';
import type { ClaimedRow } from './rounds';

/** The relay's producer: claimed rows to Kafka, in claim order, with `acks: all`. */
export class RelayPublisher {
  private readonly producer: Producer;
  private isConnected = false;

  constructor(
    connection: KafkaConnection,
    service: string,
    private readonly publishBatchSize: number,
  ) {
    this.producer = createKafka(connection, `${service}-outbox-relay`).producer({
      // The Java client's murmur2 partitioner: the same key lands on the same partition whoever publishes it.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Topics come from the catalog; a typo must fail, not create a stray topic.
      allowAutoTopicCreation: false,
      maxInFlightRequests: 1,
      // kafkajs retries a failing request a few times; past that the relay's own backoff takes over, so a
      // long outage never holds a claim transaction open for long.
      retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    this.producer.on('producer.disconnect', () => {
      this.isConnected = false;
    });
  }

  get connected(): boolean {
    return this.isConnected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.isConnected = true;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.isConnected = false;
  }

  /** In claim order, one request after the other: a later request never overtakes an earlier one. */
  async publish(rows: readonly ClaimedRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += this.publishBatchSize) {
      const byTopic = new Map<string, Message[]>();
      for (const row of rows.slice(start, start + this.publishBatchSize)) {
        const envelope = JSON.parse(row.envelope) as EventEnvelope;
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.key, value: row.envelope, headers: envelopeHeaders(envelope) });
        byTopic.set(row.topic, messages);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  }
}

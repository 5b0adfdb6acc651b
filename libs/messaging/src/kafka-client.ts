import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';

/** How to reach Kafka. Everything kafkajs-specific stays behind this lib so the client can be swapped. */
export interface KafkaConnection {
  /** `host:port` of one or more brokers. */
  brokers: readonly string[];
  /** kafkajs client id (shows up in broker logs and quotas). */
  clientId?: string;
  /** kafkajs's own log level (default WARN; tests use ERROR or NOTHING). */
  logLevel?: logLevel;
  /** Extra kafkajs client settings (ssl, sasl, timeouts). */
  config?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logLevel'>;
}

export { logLevel as KafkaLogLevel } from 'kafkajs';

export function createKafka(connection: KafkaConnection, defaultClientId: string): Kafka {
  return new Kafka({
    // Short connection timeouts: a broker that is down should fail a request fast and let our own backoff
    // decide when to try again, rather than block a relay or consumer loop.
    connectionTimeout: 3000,
    requestTimeout: 15000,
    ...connection.config,
    brokers: [...connection.brokers],
    clientId: connection.clientId ?? defaultClientId,
    logLevel: connection.logLevel ?? logLevel.WARN,
  });
}

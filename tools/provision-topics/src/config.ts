/** Configuration of the provisioning job, read from the environment and checked before anything connects. */
export interface ProvisionConfig {
  brokers: string[];
  clientId: string;
  replicationFactor: number;
  dryRun: boolean;
  /**
   * `apply` (TOPIC_ACLS=apply): also create the ACLs that restrict the restricted topics (acls.ts). Needs a
   * cluster with an authorizer and SASL principals named after the services; off by default because a cluster
   * without an authorizer refuses ACL requests (the compose stack's plaintext Kafka has none).
   */
  acls: 'apply' | 'skip';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_REPLICATION_FACTOR = 3;

export function readProvisionConfig(env: Readonly<Record<string, string | undefined>>, argv: readonly string[] = []): ProvisionConfig {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) {
    throw new ConfigError('KAFKA_BROKERS is not set: expected a comma-separated list such as kafka-0:9092,kafka-1:9092');
  }
  for (const broker of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) {
      throw new ConfigError(`KAFKA_BROKERS entry "${broker}" is not host:port`);
    }
  }

  const rawFactor = env.TOPIC_REPLICATION_FACTOR?.trim();
  const replicationFactor = rawFactor === undefined || rawFactor === '' ? DEFAULT_REPLICATION_FACTOR : Number(rawFactor);
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new ConfigError(`TOPIC_REPLICATION_FACTOR must be a positive integer, got "${rawFactor ?? ''}"`);
  }
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) {
    throw new ConfigError(`Unknown argument(s): ${unknown.join(' ')} (supported: --dry-run)`);
  }

  const acls = env.TOPIC_ACLS?.trim() || 'skip';
  if (acls !== 'apply' && acls !== 'skip') {
    throw new ConfigError(`TOPIC_ACLS must be apply or skip, got "${acls}"`);
  }

  return {
    acls,
    brokers,
    clientId: env.KAFKA_CLIENT_ID?.trim() || 'provision-topics',
    replicationFactor,
    dryRun: argv.includes('--dry-run'),
  };
}

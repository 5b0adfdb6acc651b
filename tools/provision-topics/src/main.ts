/**
 * Topic provisioning job: creates the catalog's topics (and their `.dlq` topics) on a real cluster.
 *
 *   node -r ./tools/runtime/paths.js dist/tools/provision-topics/src/main.js [--dry-run]
 *
 * Environment: KAFKA_BROKERS (required), TOPIC_REPLICATION_FACTOR (default 3), KAFKA_CLIENT_ID
 * (default provision-topics), TOPIC_ACLS (`apply` to also create the restricted topics' ACLs; default `skip`). Prints one JSON object per line (log lines on stderr, the report on
 * stdout) and exits 1 with a plain message when anything fails.
 *
 * The dev Kafka cluster (librdkafka mock) cannot run this: it has no CreateTopics and reports a
 * controller id kafkajs cannot reach. It creates topics from the same catalog through its own API.
 */
import { Kafka, logLevel } from 'kafkajs';
import { type AclAdmin, provisionAcls, topicAcls } from './acls';
import { ConfigError, readProvisionConfig } from './config';
import { provisionTopics, reportLines, type ProvisionLogger, type TopicAdmin } from './provision';

const logger: ProvisionLogger = {
  info: (msg, fields) => writeLog('info', msg, fields),
  warn: (msg, fields) => writeLog('warn', msg, fields),
};

function writeLog(level: string, msg: string, fields?: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), service: 'provision-topics', msg, ...fields })}\n`);
}

async function main(): Promise<void> {
  const config = readProvisionConfig(process.env, process.argv.slice(2));
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    connectionTimeout: 10_000,
    retry: { retries: 10, initialRetryTime: 500, maxRetryTime: 10_000 },
  });
  const kafkaAdmin = kafka.admin();
  // Assigning kafkajs's Admin to TopicAdmin makes the compiler check the interface still fits it.
  const admin: TopicAdmin = kafkaAdmin;
  logger.info('connecting', { brokers: config.brokers, replicationFactor: config.replicationFactor });
  await kafkaAdmin.connect();
  try {
    const report = await provisionTopics(admin, undefined, {
      replicationFactor: config.replicationFactor,
      dryRun: config.dryRun,
      logger,
    });
    for (const line of reportLines(report, config.dryRun)) process.stdout.write(`${line}\n`);
    if (config.acls === 'apply') {
      // Assigning kafkajs's Admin to AclAdmin makes the compiler check the interface still fits it.
      const aclAdmin: AclAdmin = kafkaAdmin;
      const allowed = await provisionAcls(aclAdmin, topicAcls(), { dryRun: config.dryRun, logger });
      for (const acl of allowed) process.stdout.write(`${JSON.stringify({ action: config.dryRun ? 'would_allow' : 'allowed', ...acl })}\n`);
    } else if (topicAcls().length > 0) {
      logger.warn('restricted topics are not restricted by this run: set TOPIC_ACLS=apply on a cluster with an authorizer', {
        topics: [...new Set(topicAcls().map((a) => a.topic))],
      });
    }
  } finally {
    await kafkaAdmin.disconnect().catch(() => undefined);
  }
}

/** kafkajs wraps broker errors (aggregate errors per topic, retry wrappers): show what is inside. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { errors, type, cause } = error as Error & { errors?: unknown; type?: unknown; cause?: unknown };
  const parts = [typeof type === 'string' ? `${error.message} (${type})` : error.message];
  if (Array.isArray(errors)) parts.push(...errors.map((e) => describeError(e)));
  if (cause !== undefined && !(cause instanceof Error && cause.message === error.message)) {
    parts.push(`caused by ${describeError(cause)}`);
  }
  return parts.join('; ');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = describeError(error);
    const hint =
      error instanceof ConfigError
        ? 'fix the environment and run again'
        : 'check that KAFKA_BROKERS is reachable, that the cluster has at least TOPIC_REPLICATION_FACTOR brokers, and that this client may create topics';
    writeLog('error', `topic provisioning failed: ${message}`, { hint });
    process.exit(1);
  },
);

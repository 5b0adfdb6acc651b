/**
 * `npm start`'s dev Kafka cluster as a standalone process:
 *
 *   node -r ./tools/runtime/paths.js dist/tools/dev-kafka/src/cli.js [--brokers N]
 *
 * Creates the catalog topics, prints one JSON line `{"msg":"dev kafka ready","bootstrapServers":"...",...}` on
 * stdout, and runs until SIGINT/SIGTERM, or until its stdin closes when stdin is a pipe or socket (a supervisor).
 */
import { DEV_KAFKA_FETCH_MAX_WAIT_MS, DevKafkaCluster } from './index';
import fs from 'node:fs';

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

function parseBrokers(argv: readonly string[]): number {
  let brokers = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--brokers' ? argv[++i] : arg.startsWith('--brokers=') ? arg.slice(10) : undefined;
    if (value === undefined) throw new Error(`unknown argument ${arg} (usage: dev-kafka [--brokers N])`);
    brokers = Number(value);
    if (!Number.isInteger(brokers) || brokers < 1 || brokers > 64) {
      throw new Error(`--brokers wants a number from 1 to 64, got ${value}`);
    }
  }
  return brokers;
}

function stdinIsPipe(): boolean {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const brokers = parseBrokers(process.argv.slice(2));
  const state: { cluster?: DevKafkaCluster; stopReason?: string } = {};
  const stop = (reason: string): void => {
    if (state.stopReason) return;
    state.stopReason = reason;
    log({ msg: 'dev kafka stopping', reason });
    if (!state.cluster) return; // still starting: stopped right after start() below
    state.cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log({ msg: 'dev kafka stop failed', error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (stdinIsPipe()) {
    // Started with a pipe by a supervisor (e.g. `npm start`): its end closing means the supervisor is gone.
    // Not for a terminal or /dev/null, which would end at once when run in the background.
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin closed'));
    process.stdin.resume();
  }

  const cluster = await DevKafkaCluster.start({ brokers });
  state.cluster = cluster;
  if (state.stopReason) {
    await cluster.stop();
    process.exit(0);
  }
  log({
    msg: 'dev kafka ready',
    bootstrapServers: cluster.bootstrapServers.join(','),
    brokers: cluster.brokers.length,
    fetchMaxWaitMs: DEV_KAFKA_FETCH_MAX_WAIT_MS,
  });

  const exit = await cluster.exited;
  if (!state.stopReason) {
    log({ msg: 'dev kafka exited unexpectedly', code: exit.code, signal: exit.signal });
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  log({ msg: 'dev kafka failed to start', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});

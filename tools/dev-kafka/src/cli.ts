/**
 * `npm start`'s dev Kafka cluster as a standalone process:
 *
 *   node -r ./tools/runtime/paths.js dist/tools/dev-kafka/src/cli.js [--brokers N] [--log-dir DIR [--group ID]...]
 *
 * Creates the catalog topics; with --log-dir, restores the topics and the named consumer groups' committed
 * offsets kept in DIR and keeps them there while running (see log.ts). Then prints one JSON line
 * `{"msg":"dev kafka ready","bootstrapServers":"...",...}` on stdout, and runs until SIGINT/SIGTERM, or until
 * its stdin closes when stdin is a pipe or socket (a supervisor).
 */
import { DEV_KAFKA_FETCH_MAX_WAIT_MS, DevKafkaCluster } from './index';
import { DevKafkaLog } from './log';
import fs from 'node:fs';

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

interface CliOptions {
  brokers: number;
  logDir?: string;
  groups: string[];
}

const USAGE = 'usage: dev-kafka [--brokers N] [--log-dir DIR [--group ID]...]';

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { brokers: 1, groups: [] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} wants a value (${USAGE})`);
    if (name === '--brokers') {
      options.brokers = Number(value);
      if (!Number.isInteger(options.brokers) || options.brokers < 1 || options.brokers > 64) {
        throw new Error(`--brokers wants a number from 1 to 64, got ${value}`);
      }
    } else if (name === '--log-dir') options.logDir = value;
    else if (name === '--group') options.groups.push(value);
    else throw new Error(`unknown argument ${name} (${USAGE})`);
  }
  if (options.groups.length > 0 && !options.logDir) throw new Error(`--group needs --log-dir (${USAGE})`);
  return options;
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
  const options = parseArgs(process.argv.slice(2));
  const state: { cluster?: DevKafkaCluster; log?: DevKafkaLog; stopReason?: string } = {};
  const stop = (reason: string): void => {
    if (state.stopReason) return;
    state.stopReason = reason;
    log({ msg: 'dev kafka stopping', reason });
    const cluster = state.cluster;
    if (!cluster) return; // still starting: stopped right after start() below
    // The log first: it catches up with the cluster before the cluster (and its records) go away.
    (state.log?.stop() ?? Promise.resolve())
      .catch((error: unknown) => log({ msg: 'dev kafka log stop failed', error: String(error) }))
      .then(() => cluster.stop())
      .then(
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

  const cluster = await DevKafkaCluster.start({ brokers: options.brokers });
  try {
    if (options.logDir)
      state.log = await DevKafkaLog.start(cluster, { dir: options.logDir, groups: options.groups, log: (msg, fields) => log({ msg, ...fields }) });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  state.cluster = cluster;
  if (state.stopReason) {
    await state.log?.stop();
    await cluster.stop();
    process.exit(0);
  }
  log({
    msg: 'dev kafka ready',
    bootstrapServers: cluster.bootstrapServers.join(','),
    brokers: cluster.brokers.length,
    fetchMaxWaitMs: DEV_KAFKA_FETCH_MAX_WAIT_MS,
    ...(options.logDir ? { logDir: options.logDir, restored: state.log?.restored } : {}),
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

// The whole system as `npm start` starts it (tools/start/start.js: every service and the gateway in its own
// process, the dev Kafka cluster, the mail sink), on a MariaDB server, with a data folder, ports and
// databases of its own, so a bench run touches nothing else on the machine. Stopped, its databases dropped
// and its folder removed whatever happens, Ctrl-C included.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { descendantPids, isAlive, pollUntil, randomPortBase } from '@crosswalk/testing';
import { coresUsed, cpuTimes } from './cpu';

/** The repository: this file runs as dist/bench/src/system.js. */
const ROOT = resolve(__dirname, '../../..');
const READY_TIMEOUT_MS = 180_000;
/** start.js stops the gateway, then the services, then Kafka and the mail sink, each given up to 15 s. */
const STOP_TIMEOUT_MS = 50_000;
const KEPT_LINES = 200;
/**
 * At rest the services poll Kafka and their outboxes (the performance issue measured about a quarter of a
 * core for all five); above this the system is still working off something.
 */
const QUIET_CORES = 0.5;
const QUIET_WINDOW_MS = 1000;
const QUIET_TIMEOUT_MS = 60_000;

export interface BenchSystem {
  gateway: string;
  /** Signs the tokens the gateway and services accept. */
  jwtSecret: string;
  /** The databases on the server, one per service, all starting with this. */
  databasePrefix: string;
  /** The system's last output lines, for a failure's message. */
  recentOutput(): string[];
  /**
   * Waits until the system's processes together use less than QUIET_CORES over a QUIET_WINDOW_MS window, or
   * QUIET_TIMEOUT_MS has passed; answers the cores the last window measured, for the record.
   */
  untilQuiet(): Promise<number>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** A MySQL/MariaDB server URL without a database, e.g. mysql://root@127.0.0.1:3306. */
  serverUrl: string;
}

async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const connection = await createConnection({ uri: serverUrl, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query<({ name: string } & RowDataPacket)[]>('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA');
    for (const { name } of rows.filter((row) => row.name.startsWith(prefix))) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startSystem(options: SystemOptions): Promise<BenchSystem> {
  const portBase = randomPortBase(10);
  const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-'));
  const jwtSecret = `bench-${randomBytes(24).toString('hex')}`;
  const databasePrefix = `bench_${Date.now().toString(36)}${randomBytes(2).toString('hex')}_`;
  const server = options.serverUrl.replace(/\/$/, '');
  const output: string[] = [];
  let ready = false;
  const keep = (line: string) => {
    // start.js's own line, printed once every process answers its readiness check.
    if (line.includes('"service":"start"') && line.includes('"msg":"ready"')) ready = true;
    output.push(line);
    if (output.length > KEPT_LINES) output.shift();
  };
  const child = spawn(process.execPath, ['tools/start/start.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // `npm run bench` has just compiled.
      START_SKIP_BUILD: 'true',
      JWT_SECRET: jwtSecret,
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(portBase),
      SERVICE_PORT_BASE: String(portBase + 1),
      // start.js gives every service its own database on this server, named DATABASE_PREFIX + the service's
      // name. The URL names a database only because the gateway inherits the variable and refuses a bare server
      // URL (the performance issue records this); the gateway opens no database.
      DATABASE_URL: `${server}/${databasePrefix}gateway`,
      DATABASE_PREFIX: databasePrefix,
      KAFKA_BROKERS: '',
      EVENTS_SMTP_HOST: '',
      // The bench measures the system, not the limiter: the bucket is still consulted on every request, and
      // never empty.
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_BURST: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout! }).on('line', keep);
  createInterface({ input: child.stderr! }).on('line', keep);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      // Collected first: once start.js has gone, its children would no longer be found under it.
      const pids = descendantPids(child.pid ?? 0);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
      for (const pid of pids.filter(isAlive)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone in the meantime
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
      await dropDatabases(server, databasePrefix);
    })();
    return stopped;
  };
  const interrupted = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    await pollUntil(() => ready || child.exitCode !== null, Boolean, {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 200,
      description: 'the system (tools/start/start.js) to print ready',
    });
    if (child.exitCode !== null) throw new Error(`tools/start/start.js exited ${child.exitCode}`);
  } catch (error) {
    const last = output.slice(-40).join('\n');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${last}`);
  }
  const untilQuiet = async () => {
    const deadline = Date.now() + QUIET_TIMEOUT_MS;
    for (;;) {
      const pids = descendantPids(child.pid ?? 0);
      const before = cpuTimes(pids);
      await new Promise((done) => setTimeout(done, QUIET_WINDOW_MS));
      const cores = coresUsed(before, cpuTimes(pids), QUIET_WINDOW_MS);
      if (cores < QUIET_CORES || Date.now() > deadline) return cores;
    }
  };
  return { gateway: `http://127.0.0.1:${portBase}`, jwtSecret, databasePrefix, recentOutput: () => [...output], untilQuiet, stop };
}

// Starts the whole system as `npm start` does (real processes, fresh SQLite files, the dev Kafka cluster) for
// an end-to-end test file, and drives it over HTTP with tokens signed by the system's secret.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { signToken, type TokenRequest } from '@crosswalk/auth';
import { descendantPids, pollUntil, randomPortBase } from '@crosswalk/testing';

export const ROOT = resolve(__dirname, '../..');
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

export function token(request: Omit<TokenRequest, 'subject'> & { subject?: string }): string {
  return signToken({ subject: request.subject ?? `e2e-${request.role}`, ...request }, { secret: SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' });
}

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, asserted field by field
  body: any;
}

export async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export interface RunningSystem {
  process: ChildProcess;
  gateway: string;
  portBase: number;
  output: string[];
  dataDir: string;
  /** Pids of the system's processes whose command line contains `fragment` (e.g. a service's main.js). */
  pidsOf(fragment: string): number[];
  /** Kills everything and removes the data directory. */
  stop(): void;
  /** Ctrl-C: SIGTERM, and resolves once `npm start` has exited; the data directory stays. */
  stopGracefully(): Promise<void>;
}

export interface SystemOptions {
  /** Extra environment for start.js (e.g. START_SERVICES). */
  env?: Record<string, string>;
  /** Start on this data directory (e.g. one a previous system left) instead of a fresh one. */
  dataDir?: string;
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const portBase = randomPortBase(20);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'crosswalk-e2e-'));
  const output: string[] = [];
  const system = spawn(process.execPath, ['tools/start/start.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      START_SKIP_BUILD: 'true', // the e2e global setup has just compiled
      JWT_SECRET: SECRET,
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(portBase),
      SERVICE_PORT_BASE: String(portBase + 1),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: system.stdout! }).on('line', (line) => output.push(line));
  createInterface({ input: system.stderr! }).on('line', (line) => output.push(line));
  await pollUntil(() => output.some((line) => line.includes('"msg":"ready"')) || system.exitCode !== null, Boolean, {
    timeoutMs: 180_000,
    intervalMs: 200,
    description: 'npm start to print ready',
  });
  if (system.exitCode !== null) throw new Error(`npm start exited ${system.exitCode}:\n${output.join('\n')}`);
  return {
    process: system,
    gateway: `http://127.0.0.1:${portBase}`,
    portBase,
    output,
    dataDir,
    pidsOf: (fragment) =>
      descendantPids(system.pid ?? 0).filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment);
        } catch {
          return false;
        }
      }),
    stop: () => {
      const pids = descendantPids(system.pid ?? 0);
      if (system.exitCode === null) system.kill('SIGKILL');
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    stopGracefully: async () => {
      if (system.exitCode !== null || system.signalCode !== null) return;
      const exited = new Promise<void>((done) => system.once('exit', () => done()));
      system.kill('SIGTERM');
      await exited;
    },
  };
}

/** `node tools/replay/replay.js ...` against a system's data directory, as `npm run replay --` runs it. */
export function replay(system: RunningSystem, ...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tools/replay/replay.js', 'replay', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: system.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (status) => resolve({ status, output }));
  });
}

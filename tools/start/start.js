#!/usr/bin/env node
// `npm start`: the whole system on embedded defaults. Installs and builds what is missing, starts the dev
// Kafka cluster, a mail sink that keeps every email under .data/mail/, every service on SQLite files under
// .data/ and the gateway, waits until each is ready, prints the gateway URL and a network_admin token, and
// stops everything on Ctrl-C/SIGTERM.
// DATABASE_URL (a MySQL server URL), KAFKA_BROKERS and EVENTS_SMTP_HOST switch to real servers.
// Only Node built-ins before the npm packages are installed.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '../..');
// An empty variable means unset, as in a shell `FOO= npm start`.
const env = (name) => process.env[name] || undefined;
const { DEV_JWT_SECRET, SERVICES, GATEWAY_PORT, databaseUrlFor } = require('./dev-defaults');

const READY_DEADLINE_MS = Number(process.env.START_READY_TIMEOUT_MS ?? 180_000);
const STOP_DEADLINE_MS = 15_000;

function say(msg, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'start', msg, ...fields })}\n`);
}

function runOrExit(title, command, args) {
  say(title);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`${title} failed`, { exitCode: result.status });
    process.exit(1);
  }
}

function prepare() {
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) {
    // `npm install`, not `npm ci`: see .ci/run for the npm 11 lockfile quirk.
    runOrExit('installing npm packages (npm install)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund']);
  }
  if (!env('KAFKA_BROKERS')) {
    say('building the dev Kafka cluster');
    require('../dev-kafka/build').ensureDevKafkaBinary();
  }
  if (process.env.START_SKIP_BUILD !== 'true') {
    runOrExit('compiling TypeScript (tsc -p tsconfig.build.json)', process.execPath, [
      require.resolve('typescript/bin/tsc', { paths: [ROOT] }),
      '-p',
      'tsconfig.build.json',
    ]);
  }
  // The operator console the gateway serves at / (services/console): built once, again by `npm run build`.
  if (!fs.existsSync(path.join(ROOT, 'dist', 'console', 'index.html')))
    runOrExit('building the console', process.execPath, ['services/console/scripts/build.js']);
}

const children = [];
let stopping = false;

/** A service that dies is started again, as a process supervisor would; one that keeps dying stops everything. */
const MAX_RESTARTS = 3;

function startProcess(name, script, env, args = [], restarts = 0) {
  const child = spawn(process.execPath, ['-r', './tools/runtime/paths.js', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // stdin is a pipe: a child that watches it (the dev Kafka cluster) dies with us even on SIGKILL.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const entry = { name, child, exited: false };
  children.push(entry);
  readline.createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${line}\n`));
  readline.createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`[${name}] ${line}\n`));
  child.on('exit', (code, signal) => {
    entry.exited = true;
    if (stopping) return;
    const restartable = SERVICES.some((service) => service.name === name);
    if (restartable && restarts < MAX_RESTARTS) {
      say(`${name} exited unexpectedly; starting it again`, { code, signal, restart: restarts + 1 });
      startProcess(name, script, env, args, restarts + 1);
      return;
    }
    say(`${name} exited unexpectedly`, { code, signal });
    stop(1);
  });
  return child;
}

function startDevKafka() {
  return new Promise((resolve, reject) => {
    const child = startProcess('dev-kafka', 'dist/tools/dev-kafka/src/cli.js', {}, ['--brokers', process.env.DEV_KAFKA_BROKERS ?? '1']);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const event = JSON.parse(line);
        if (event.bootstrapServers) resolve(event);
      } catch {
        // not a JSON line: ignore
      }
    });
    child.once('exit', () => reject(new Error('the dev Kafka cluster exited before it was ready')));
  });
}

/** The local SMTP server the events service sends its notifications to: one .eml file per message in `dir`. */
function startMailSink(dir) {
  return new Promise((resolve, reject) => {
    const child = startProcess('mail-sink', 'dist/tools/mail-sink/src/cli.js', {}, ['--dir', dir]);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const event = JSON.parse(line);
        if (event.msg === 'mail sink ready') resolve(event);
      } catch {
        // not a JSON line: ignore
      }
    });
    child.once('exit', () => reject(new Error('the mail sink exited before it was ready')));
  });
}

async function waitReady(name, url, deadline) {
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (stopping) throw new Error('stopping');
    if (Date.now() > deadline) throw new Error(`${name} was not ready at ${url} within ${READY_DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping', { processes: children.filter((c) => !c.exited).map((c) => c.name) });
  // Gateway first, services in parallel, Kafka and the mail sink last: nothing takes new work while services drain.
  const infrastructure = ['dev-kafka', 'mail-sink'];
  const gateway = children.filter((c) => c.name === 'gateway');
  const services = children.filter((c) => c.name !== 'gateway' && !infrastructure.includes(c.name));
  const kafka = children.filter((c) => infrastructure.includes(c.name));
  const terminate = (entries) =>
    Promise.all(
      entries
        .filter((e) => !e.exited)
        .map(
          (entry) =>
            new Promise((resolve) => {
              const timer = setTimeout(() => entry.child.kill('SIGKILL'), STOP_DEADLINE_MS);
              entry.child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              entry.child.kill('SIGTERM');
            }),
        ),
    );
  terminate(gateway)
    .then(() => terminate(services))
    .then(() => terminate(kafka))
    .then(() => {
      say('stopped');
      process.exit(code);
    });
}

async function main() {
  const argv = process.argv.slice(2);
  prepare();
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const devKafka = env('KAFKA_BROKERS') ? undefined : await startDevKafka();
  const brokers = env('KAFKA_BROKERS') ?? devKafka.bootstrapServers;
  // The dev cluster holds an empty fetch for its whole wait: its consumers ask for a short one (see
  // DEV_KAFKA_FETCH_MAX_WAIT_MS), unless KAFKA_FETCH_MAX_WAIT_MS is set.
  const fetchMaxWaitMs = env('KAFKA_FETCH_MAX_WAIT_MS') ?? (devKafka?.fetchMaxWaitMs === undefined ? undefined : String(devKafka.fetchMaxWaitMs));
  const jwtSecret = env('JWT_SECRET') ?? DEV_JWT_SECRET;
  const dataDir = env('DATA_DIR') ?? path.join(ROOT, '.data');
  const portBase = Number(process.env.SERVICE_PORT_BASE ?? SERVICES[0].port);
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? GATEWAY_PORT);
  const upstreams = {};
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  // With EVENTS_SMTP_HOST set, mail goes to that server (inherited from the environment) instead of the sink.
  const mailSink = env('EVENTS_SMTP_HOST') ? undefined : await startMailSink(path.join(dataDir, 'mail'));
  const eventsEnv = {
    ...(mailSink ? { EVENTS_SMTP_HOST: mailSink.host, EVENTS_SMTP_PORT: String(mailSink.port), EVENTS_SMTP_SECURITY: 'none' } : {}),
    // The accept and decline links of offer emails lead to the gateway's public routes.
    EVENTS_LINK_BASE_URL: env('EVENTS_LINK_BASE_URL') ?? gatewayUrl,
  };

  SERVICES.forEach((service, index) => {
    const port = portBase + index;
    upstreams[`${service.name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
    startProcess(service.name, `dist/services/${service.name}/src/main.js`, {
      HTTP_PORT: String(port),
      KAFKA_BROKERS: brokers,
      ...(fetchMaxWaitMs ? { KAFKA_FETCH_MAX_WAIT_MS: fetchMaxWaitMs } : {}),
      JWT_SECRET: jwtSecret,
      DATA_DIR: dataDir,
      ...(databaseUrlFor(service.name) ? { DATABASE_URL: databaseUrlFor(service.name) } : { DATABASE_URL: '' }),
      ...(service.name === 'events' ? eventsEnv : {}),
    });
  });
  startProcess('gateway', 'dist/services/gateway/src/main.js', {
    GATEWAY_PORT: String(gatewayPort),
    JWT_SECRET: jwtSecret,
    ...upstreams,
  });

  const deadline = Date.now() + READY_DEADLINE_MS;
  try {
    await Promise.all([
      ...SERVICES.map((s, i) => waitReady(s.name, `http://127.0.0.1:${portBase + i}/health/ready`, deadline)),
      waitReady('gateway', `http://127.0.0.1:${gatewayPort}/health/ready`, deadline),
    ]);
  } catch (error) {
    if (stopping) return;
    say('start-up failed', { error: error.message });
    stop(1);
    return;
  }

  const token = spawnSync(process.execPath, ['tools/token/token.js', '--role', 'network_admin'], {
    cwd: ROOT,
    env: { ...process.env, JWT_SECRET: jwtSecret },
    encoding: 'utf8',
  }).stdout.trim();
  const mail = mailSink ? `${mailSink.dir} (SMTP sink on ${mailSink.host}:${mailSink.port})` : `sent to ${env('EVENTS_SMTP_HOST')}`;
  say('ready', { gateway: gatewayUrl, console: `${gatewayUrl}/`, docs: `${gatewayUrl}/docs`, kafka: brokers, dataDir, mail });
  process.stdout.write(
    `\nCrosswalk is ready.\n  Console:  ${gatewayUrl}/ (sign in with the token below)\n  Gateway:  ${gatewayUrl}\n  API docs: ${gatewayUrl}/docs\n  Mail:     ${mail}\n` +
      `  Token (network_admin, 8h):\n    export TOKEN=${token}\n` +
      `  Try: curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${gatewayPort}/v1/cities\n` +
      `Stop with Ctrl-C.\n\n`,
  );
  if (argv.includes('--demo')) {
    // The demo network goes in through the public API, as an admin console would (tools/demo, docs/demo.md).
    const seedAt = argv.indexOf('--seed');
    const demo = spawnSync(
      process.execPath,
      ['tools/demo/demo.js', '--gateway', `http://127.0.0.1:${gatewayPort}`, ...(seedAt >= 0 ? ['--seed', argv[seedAt + 1]] : [])],
      {
        cwd: ROOT,
        env: { ...process.env, JWT_SECRET: jwtSecret },
        stdio: 'inherit',
      },
    );
    if (demo.status !== 0) say('the demo network could not be loaded; the system keeps running', { exitCode: demo.status });
  }
}

main().catch((error) => {
  say('start failed', { error: error.message });
  stop(1);
});

#!/usr/bin/env node
// `npm start`: the whole system on embedded defaults. Installs and builds what is missing, starts the dev
// Kafka cluster, a mail sink that keeps every email under .data/mail/, every service on SQLite files under
// .data/ and the gateway, waits until each is ready, prints the gateway URL and a network_admin token, and
// stops everything on Ctrl-C/SIGTERM.
// DATABASE_URL (a MySQL server URL), KAFKA_BROKERS and EVENTS_SMTP_HOST switch to real servers.
// Only Node built-ins before the npm packages are installed.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
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

/**
 * A service (or the gateway) that dies is started again, as a process supervisor would, after a back-off that
 * doubles from 1 s up to 30 s while it keeps dying and starts over once it has stayed up for a minute. It is
 * never given up on: one crashing service must not take the rest of the system down. The dev Kafka cluster
 * and the mail sink are not restarted: everything depends on them, so losing one stops the system.
 */
const RESTART_BACKOFF_FIRST_MS = 1_000;
const RESTART_BACKOFF_MAX_MS = 30_000;
const RESTART_STABLE_MS = 60_000;

/** name -> { name, script, env, args, entry, restarts, held, timer, startedAt } for supervised processes. */
const supervised = new Map();

function spawnChild(name, script, env, args) {
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
  child.on('exit', () => {
    entry.exited = true;
    children.splice(children.indexOf(entry), 1);
  });
  return entry;
}

/** A process everything depends on: if it dies, the system stops. */
function startInfrastructure(name, script, env, args = []) {
  const entry = spawnChild(name, script, env, args);
  entry.child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited unexpectedly`, { code, signal });
    stop(1);
  });
  return entry.child;
}

/** A service or the gateway: restarted with back-off when it dies, unless it is held (see `hold`). */
function startSupervised(name, script, env, args = []) {
  const unit = supervised.get(name) ?? { name, script, env, args, restarts: 0, held: false, timer: undefined };
  supervised.set(name, unit);
  unit.startedAt = Date.now();
  unit.entry = spawnChild(name, script, env, args);
  unit.entry.child.on('exit', (code, signal) => {
    if (stopping || unit.held) return;
    if (Date.now() - unit.startedAt >= RESTART_STABLE_MS) unit.restarts = 0;
    const delayMs = Math.min(RESTART_BACKOFF_MAX_MS, RESTART_BACKOFF_FIRST_MS * 2 ** unit.restarts);
    unit.restarts += 1;
    say(`${name} exited unexpectedly; starting it again`, { code, signal, restart: unit.restarts, inMs: delayMs });
    unit.timer = setTimeout(() => {
      unit.timer = undefined;
      if (!stopping && !unit.held) startSupervised(name, script, env, args);
    }, delayMs);
  });
  return unit.entry.child;
}

/** Ends a process with SIGTERM, SIGKILL after the stop deadline; resolves when it has exited. */
function terminate(entry) {
  if (entry.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), STOP_DEADLINE_MS);
    entry.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    entry.child.kill('SIGTERM');
  });
}

/** Takes a service out of supervision: stops it and does not start it again until `release`. */
async function hold(name) {
  const unit = supervised.get(name);
  if (!unit) throw new ControlError(404, `no supervised process named ${name}; there are: ${[...supervised.keys()].join(', ')}`);
  if (unit.held) throw new ControlError(409, `${name} is already held`);
  unit.held = true;
  clearTimeout(unit.timer);
  unit.timer = undefined;
  say(`${name} held: stopping it, it stays stopped until released`);
  await terminate(unit.entry);
  say(`${name} stopped and held`);
}

/** Puts a held service back under supervision: starts it and waits until it answers its readiness check. */
async function release(name) {
  const unit = supervised.get(name);
  if (!unit) throw new ControlError(404, `no supervised process named ${name}`);
  if (!unit.held) throw new ControlError(409, `${name} is not held`);
  unit.held = false;
  unit.restarts = 0;
  say(`${name} released: starting it again`);
  startSupervised(unit.name, unit.script, unit.env, unit.args);
  if (unit.readyUrl) await waitReady(name, unit.readyUrl, Date.now() + READY_DEADLINE_MS);
  say(`${name} is back`);
}

/** The control file this run wrote, removed at stop so no tool mistakes it for a running system. */
let controlFile;

class ControlError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The supervisor's control channel: HTTP on 127.0.0.1 (a random port), with a bearer token, both written to
 * <dataDir>/start-control.json (mode 0600) for tools such as `npm run replay -- <service> <consumer> --live`.
 *
 *   GET  /processes                       every supervised process: name, pid, held, restarts
 *   POST /processes/<name>/hold           stop it and keep it stopped (answers once it has exited)
 *   POST /processes/<name>/release        start it again (answers once it is ready)
 */
function startControl(dataDir, details) {
  const token = randomBytes(24).toString('hex');
  const file = path.join(dataDir, 'start-control.json');
  const server = http.createServer((request, response) => {
    const reply = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(`${JSON.stringify(body)}\n`);
    };
    if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { error: `the token is in ${file}` });
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/processes') {
      return reply(
        200,
        [...supervised.values()].map((u) => ({ name: u.name, pid: u.entry.exited ? null : u.entry.child.pid, held: u.held, restarts: u.restarts })),
      );
    }
    const match = /^\/processes\/([a-z0-9-]+)\/(hold|release)$/.exec(url.pathname);
    if (request.method !== 'POST' || !match) return reply(404, { error: 'GET /processes, POST /processes/<name>/hold or /release' });
    if (stopping) return reply(503, { error: 'the system is stopping' });
    const [, name, action] = match;
    (action === 'hold' ? hold(name) : release(name)).then(
      () => reply(200, { name, held: action === 'hold' }),
      (error) => reply(error instanceof ControlError ? error.status : 500, { error: error.message }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      const url = `http://127.0.0.1:${server.address().port}`;
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify({ url, token, pid: process.pid, ...details }, null, 2)}\n`, { mode: 0o600 });
      controlFile = file;
      resolve({ url, file });
    });
  });
}

/** The consumer groups of the services' consumers.js (tools/start/consumer-groups.js), for the dev cluster's log. */
function consumerGroups() {
  const result = spawnSync(process.execPath, ['-r', './tools/runtime/paths.js', 'tools/start/consumer-groups.js'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not list the services' consumer groups: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function startDevKafka(logDir) {
  return new Promise((resolve, reject) => {
    const child = startInfrastructure('dev-kafka', 'dist/tools/dev-kafka/src/cli.js', {}, [
      '--brokers',
      process.env.DEV_KAFKA_BROKERS ?? '1',
      // The topics and committed offsets persist here, as the SQLite files do (tools/dev-kafka/src/log.ts).
      '--log-dir',
      logDir,
      ...consumerGroups().flatMap((group) => ['--group', group]),
    ]);
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
    const child = startInfrastructure('mail-sink', 'dist/tools/mail-sink/src/cli.js', {}, ['--dir', dir]);
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
  const terminateAll = (entries) => Promise.all(entries.map(terminate));
  for (const unit of supervised.values()) clearTimeout(unit.timer);
  terminateAll(gateway)
    .then(() => terminateAll(services))
    .then(() => terminateAll(kafka))
    .then(() => {
      if (controlFile) fs.rmSync(controlFile, { force: true });
      say('stopped');
      process.exit(code);
    });
}

async function main() {
  const argv = process.argv.slice(2);
  prepare();
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const dataDir = env('DATA_DIR') ?? path.join(ROOT, '.data');
  const devKafka = env('KAFKA_BROKERS') ? undefined : await startDevKafka(path.join(dataDir, 'kafka'));
  const brokers = env('KAFKA_BROKERS') ?? devKafka.bootstrapServers;
  // The dev cluster holds an empty fetch for its whole wait: its consumers ask for a short one (see
  // DEV_KAFKA_FETCH_MAX_WAIT_MS), unless KAFKA_FETCH_MAX_WAIT_MS is set.
  const fetchMaxWaitMs = env('KAFKA_FETCH_MAX_WAIT_MS') ?? (devKafka?.fetchMaxWaitMs === undefined ? undefined : String(devKafka.fetchMaxWaitMs));
  const jwtSecret = env('JWT_SECRET') ?? DEV_JWT_SECRET;
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

  // START_SERVICES=schools,metrics starts only those (each keeps its usual port); the default is all.
  const only = env('START_SERVICES')
    ?.split(',')
    .map((name) => name.trim());
  const unknown = (only ?? []).filter((name) => !SERVICES.some((service) => service.name === name));
  if (unknown.length > 0) throw new Error(`START_SERVICES names unknown services: ${unknown.join(', ')}`);
  const started = SERVICES.map((service, index) => ({ ...service, port: portBase + index })).filter((service) => !only || only.includes(service.name));

  started.forEach((service) => {
    const port = service.port;
    upstreams[`${service.name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
    startSupervised(service.name, `dist/services/${service.name}/src/main.js`, {
      HTTP_PORT: String(port),
      KAFKA_BROKERS: brokers,
      ...(fetchMaxWaitMs ? { KAFKA_FETCH_MAX_WAIT_MS: fetchMaxWaitMs } : {}),
      JWT_SECRET: jwtSecret,
      DATA_DIR: dataDir,
      ...(databaseUrlFor(service.name) ? { DATABASE_URL: databaseUrlFor(service.name) } : { DATABASE_URL: '' }),
      ...(service.name === 'events' ? eventsEnv : {}),
    });
  });
  startSupervised('gateway', 'dist/services/gateway/src/main.js', {
    GATEWAY_PORT: String(gatewayPort),
    JWT_SECRET: jwtSecret,
    ...upstreams,
  });
  for (const service of started) supervised.get(service.name).readyUrl = `http://127.0.0.1:${service.port}/health/ready`;
  // The gateway is ready when every service it routes to is; with only some started, it is waited for alive.
  supervised.get('gateway').readyUrl = `http://127.0.0.1:${gatewayPort}/health/${only ? 'live' : 'ready'}`;

  const deadline = Date.now() + READY_DEADLINE_MS;
  try {
    await Promise.all([...supervised.values()].map((unit) => waitReady(unit.name, unit.readyUrl, deadline)));
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
  const control = await startControl(dataDir, { kafkaBrokers: brokers, services: started.map((s) => s.name) });
  say('ready', {
    gateway: gatewayUrl,
    console: `${gatewayUrl}/`,
    docs: `${gatewayUrl}/docs`,
    kafka: brokers,
    dataDir,
    mail,
    control: control.url,
    controlFile: control.file,
  });
  process.stdout.write(
    `\nCrosswalk is ready.\n  Console:  ${gatewayUrl}/ (sign in with the token below)\n  Gateway:  ${gatewayUrl}\n  API docs: ${gatewayUrl}/docs\n  Mail:     ${mail}\n` +
      `  Kafka:    ${brokers}${devKafka ? ` (dev cluster, log kept in ${path.join(dataDir, 'kafka')})` : ''}\n` +
      `  Control:  ${control.url} (token in ${control.file}); replay a projection while the rest runs:\n` +
      `    npm run replay -- metrics metrics --live\n` +
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

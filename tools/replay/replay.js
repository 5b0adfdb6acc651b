#!/usr/bin/env node
// `npm run replay -- <service> <consumer> [--force] [--live]` / `npm run redrive -- <service> <consumer> [--limit n]`:
// runs the service's own replay entry point (services/<service>/src/replay.ts, built into dist/) with the
// environment `npm start` gives that service, so it finds the same database.
//
// The brokers: KAFKA_BROKERS, or those of the running `npm start` (its control file, DATA_DIR/start-control.json).
// --live: under a running `npm start`, takes the service out of supervision (stopped, not restarted), replays,
// and starts it again; the rest of the system keeps running. Without --live, a replay refuses to run while
// `npm start` runs the service (the two would write one projection at once).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DEV_JWT_SECRET, databaseUrlFor } = require('../start/dev-defaults');

const ROOT = path.resolve(__dirname, '../..');
const [command, service, ...args] = process.argv.slice(2);
const live = args.includes('--live');
const rest = args.filter((arg) => arg !== '--live');
const dataDir = process.env.DATA_DIR || path.join(ROOT, '.data');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function say(message) {
  process.stderr.write(`${command}: ${message}\n`);
}

/** The running `npm start`'s control channel, or undefined when none runs on this DATA_DIR. */
async function supervisor() {
  const file = path.join(dataDir, 'start-control.json');
  let control;
  try {
    control = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const call = async (method, route) => {
    const response = await fetch(`${control.url}${route}`, { method, headers: { authorization: `Bearer ${control.token}` } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error ?? `${method} ${route} answered ${response.status}`);
    return body;
  };
  try {
    const processes = await call('GET', '/processes');
    return { ...control, file, processes, call };
  } catch {
    return undefined; // a control file left by an `npm start` that is gone
  }
}

function runEntry(entry, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './tools/runtime/paths.js', entry, command, ...rest], { cwd: ROOT, env, stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal; wait for it, so a held service is released afterwards.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  if (!['replay', 'redrive'].includes(command) || !service) fail(`usage: npm run ${command ?? 'replay'} -- <service> <consumer> [options]`);
  const entry = path.join('dist', 'services', service, 'src', 'replay.js');
  if (!fs.existsSync(path.join(ROOT, entry))) fail(`service '${service}' has no consumers to ${command} (no services/${service}/src/replay.ts)`);

  const running = await supervisor();
  if (live && !running)
    fail(`--live needs a running \`npm start\` on ${dataDir} (no reachable control channel in ${path.join(dataDir, 'start-control.json')})`);
  const supervised = running?.processes.find((p) => p.name === service);
  if (live && !supervised) fail(`the running \`npm start\` does not run ${service} (it runs ${running.processes.map((p) => p.name).join(', ')})`);
  if (command === 'replay' && !live && supervised && !supervised.held) {
    fail(`${service} is running under \`npm start\` (pid ${supervised.pid}): replay with --live to stop it for the replay and start it again after`);
  }
  const brokers = process.env.KAFKA_BROKERS || running?.kafkaBrokers;
  if (!brokers) fail('KAFKA_BROKERS is required: the brokers of the running cluster (npm start prints them)');

  const env = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    JWT_SECRET: process.env.JWT_SECRET || DEV_JWT_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrlFor(service) ?? '',
  };
  if (!live) process.exit(await runEntry(entry, env));

  say(`taking ${service} out of supervision (the rest of the system keeps running)`);
  try {
    await running.call('POST', `/processes/${service}/hold`);
  } catch (error) {
    fail(`could not stop ${service}: ${error.message}`);
  }
  let status = 1;
  try {
    status = await runEntry(entry, env);
  } finally {
    say(`starting ${service} again`);
    try {
      await running.call('POST', `/processes/${service}/release`);
      say(`${service} is back`);
    } catch (error) {
      say(
        `could not start ${service} again: ${error.message}; start it with: curl -X POST -H "Authorization: Bearer <token in ${running.file}>" ${running.url}/processes/${service}/release`,
      );
      status = status || 1;
    }
  }
  process.exit(status);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

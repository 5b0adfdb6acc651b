#!/usr/bin/env node
// `npm run replay -- <service> <consumer>` / `npm run redrive -- <service> <consumer> [--limit n]`: runs the
// service's own replay entry point (services/<service>/src/replay.ts, built into dist/) with the environment
// `npm start` gives that service, so it finds the same database. KAFKA_BROKERS must name the running cluster.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DEV_JWT_SECRET, databaseUrlFor } = require('../start/dev-defaults');

const ROOT = path.resolve(__dirname, '../..');
const [command, service, ...rest] = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

if (!['replay', 'redrive'].includes(command) || !service) fail(`usage: npm run ${command ?? 'replay'} -- <service> <consumer> [options]`);
const entry = path.join('dist', 'services', service, 'src', 'replay.js');
if (!fs.existsSync(path.join(ROOT, entry))) fail(`service '${service}' has no consumers to ${command} (no services/${service}/src/replay.ts)`);
if (!process.env.KAFKA_BROKERS) fail('KAFKA_BROKERS is required: the brokers of the running cluster (npm start prints them)');

const env = {
  ...process.env,
  JWT_SECRET: process.env.JWT_SECRET || DEV_JWT_SECRET,
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  DATA_DIR: process.env.DATA_DIR || path.join(ROOT, '.data'),
  DATABASE_URL: databaseUrlFor(service) ?? '',
};
const result = spawnSync(process.execPath, ['-r', './tools/runtime/paths.js', entry, command, ...rest], { cwd: ROOT, env, stdio: 'inherit' });
process.exit(result.status ?? 1);

#!/usr/bin/env node
// Builds tools/dev-kafka/bin/dev-kafka (librdkafka's mock Kafka cluster as a small process) from
// native/dev_kafka.c when the binary is missing or older than the source. Needs a C compiler and
// librdkafka-dev (Debian's 2.0.2 is what it is written against); installs the latter when running as root.
// Plain CommonJS and no dependencies: jest's global setup and `npm start` call it before anything is compiled.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const SOURCE = path.join(ROOT, 'native', 'dev_kafka.c');
const BINARY = path.join(ROOT, 'bin', 'dev-kafka');
const INSTALL_HINT = 'sudo apt-get install -y librdkafka-dev';
const HEADER_DIRS = ['/usr/include', '/usr/local/include', '/opt/homebrew/include'];

function findMockHeader() {
  return HEADER_DIRS.map((dir) => path.join(dir, 'librdkafka', 'rdkafka_mock.h')).find((file) => fs.existsSync(file));
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw new Error(`dev-kafka: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`dev-kafka: \`${command} ${args.join(' ')}\` failed with exit code ${result.status}`);
  }
}

function ensureLibrdkafka() {
  if (findMockHeader()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`dev-kafka: librdkafka's mock cluster header (librdkafka/rdkafka_mock.h) is missing. ` + `Install it with: ${INSTALL_HINT}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write('dev-kafka: installing librdkafka-dev (apt-get)\n');
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', 'librdkafka-dev'], env);
  if (!findMockHeader()) {
    throw new Error(`dev-kafka: librdkafka-dev is installed but rdkafka_mock.h is still missing`);
  }
}

function isUpToDate() {
  try {
    return fs.statSync(BINARY).mtimeMs >= fs.statSync(SOURCE).mtimeMs;
  } catch {
    return false;
  }
}

/** Builds the dev-kafka binary if needed and returns its absolute path. */
function ensureDevKafkaBinary() {
  if (isUpToDate()) return BINARY;
  ensureLibrdkafka();
  fs.mkdirSync(path.dirname(BINARY), { recursive: true });
  // Compile to a temporary name and rename, so a concurrent run never executes a half-written binary.
  const tmp = `${BINARY}.${process.pid}.tmp`;
  const cc = process.env.CC || 'cc';
  const args = ['-std=c11', '-O2', '-Wall', '-Wextra', '-o', tmp, SOURCE, '-lrdkafka'];
  const result = spawnSync(cc, args, { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`dev-kafka: could not run the C compiler ${cc}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`dev-kafka: \`${cc} ${args.join(' ')}\` failed:\n${result.stderr}${result.stdout}`);
  }
  if (result.stderr) process.stderr.write(result.stderr);
  fs.renameSync(tmp, BINARY);
  return BINARY;
}

module.exports = { ensureDevKafkaBinary, DEV_KAFKA_BINARY: BINARY };

if (require.main === module) {
  try {
    process.stdout.write(`${ensureDevKafkaBinary()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

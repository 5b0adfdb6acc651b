#!/usr/bin/env node
// `npm test`: every layer in one command — type check (strict), format check, lint, then unit, integration and e2e
// tests. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`). Installs the npm packages
// first on a fresh clone; jest's global setup builds the dev Kafka cluster (and installs librdkafka-dev).
// Only Node built-ins at the top: nothing else exists before the install.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
// Package entry scripts by path: eslint's package exports do not expose its bin.
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const jestArgs = process.argv.slice(2);

function step(title, args) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  process.stdout.write(`== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  // `npm install`, not `npm ci`: see .ci/run for the npm 11 lockfile quirk.
  process.stdout.write('\n== installing npm packages (npm install)\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env: process.env });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}

if (jestArgs.length === 0) {
  step('type check (tsc --noEmit, strict)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
  // The console is a browser app: its own tsconfig (DOM, JSX), and its types come from the API's OpenAPI document.
  step('console type check (tsc --noEmit, strict)', [bin('typescript', 'bin/tsc'), '-p', 'services/console/tsconfig.json', '--noEmit']);
  // The Nx module-boundary rule reads the cached project graph and is silently skipped without one (a fresh
  // clone has none): build it first, so the rule that forbids service-to-service imports really runs.
  process.env.NX_DAEMON ??= 'false';
  process.env.NX_NO_CLOUD ??= 'true';
  step('project graph (nx, for the module-boundary lint rule)', [bin('nx', 'dist/bin/nx.js'), 'show', 'projects']);
  step('format (prettier --check)', [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);
  step('lint (eslint)', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0']);
}
if (jestArgs.length === 0) {
  step('console component tests (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--config', 'services/console/vite.config.mts']);
}
step('tests (unit, integration, e2e)', [bin('jest', 'bin/jest.js'), '--ci', ...jestArgs]);

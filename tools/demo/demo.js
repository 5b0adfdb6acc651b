#!/usr/bin/env node
// `npm run demo [-- --seed n] [-- --gateway url]`: loads the demo network into a running system (npm start),
// signing its network_admin token with the same secret npm start uses.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { DEV_JWT_SECRET } = require('../start/dev-defaults');

const ROOT = path.resolve(__dirname, '../..');
const result = spawnSync(process.execPath, ['-r', './tools/runtime/paths.js', 'dist/tools/demo/src/main.js', ...process.argv.slice(2)], {
  cwd: ROOT,
  env: { ...process.env, JWT_SECRET: process.env.JWT_SECRET || DEV_JWT_SECRET },
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

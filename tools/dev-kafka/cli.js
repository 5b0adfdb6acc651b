#!/usr/bin/env node
// `npm run dev-kafka [-- --brokers N]`: runs the compiled CLI (dist/tools/dev-kafka/src/cli.js) with the
// @crosswalk aliases mapped to dist/. Build first: `npx tsc -p tsconfig.build.json`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const cli = path.resolve(__dirname, '../../dist/tools/dev-kafka/src/cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`dev-kafka: ${path.relative(process.cwd(), cli)} is missing; run \`npx tsc -p tsconfig.build.json\` first\n`);
  process.exit(1);
}
require('../runtime/paths.js');
require(cli);

#!/usr/bin/env node
// The console's API types, from the gateway's combined OpenAPI document:
//   node services/console/scripts/generate-api.js                      regenerate src/api/schema.d.ts from the committed src/api/openapi.json
//   node services/console/scripts/generate-api.js --from <gateway URL> fetch <gateway>/docs/json (a running `npm start`), commit both files
//   node services/console/scripts/generate-api.js --check <gateway URL> exit 1 if the running document differs from the committed one
// The browser e2e test compares the running system's document with the committed one, so a changed route fails
// CI until this script is run again and the console still type-checks against it.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const DOCUMENT = path.join(__dirname, '../src/api/openapi.json');
const TYPES = path.join(__dirname, '../src/api/schema.d.ts');

/** The document as committed: keys in a stable order, without what says nothing about the API's shape. */
function normalise(document) {
  const sorted = (value) => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sorted(value[key])]),
      );
    return value;
  };
  const rest = { ...document };
  delete rest.info;
  return sorted(rest);
}

async function fetchDocument(gateway) {
  const base = gateway.replace(/\/$/, '');
  const response = await fetch(`${base}/docs/json`);
  if (!response.ok) throw new Error(`${base}/docs/json answered ${response.status}`);
  const document = await response.json();
  const unavailable = document['x-unavailable-services'] ?? [];
  if (unavailable.length) throw new Error(`the gateway could not reach ${unavailable.join(', ')}: start the whole system first`);
  return `${JSON.stringify(normalise(document), null, 2)}\n`;
}

async function main() {
  const checkAt = process.argv.indexOf('--check');
  if (checkAt >= 0) {
    const running = await fetchDocument(process.argv[checkAt + 1]);
    if (running !== fs.readFileSync(DOCUMENT, 'utf8')) {
      console.error(
        `generate-api: the API's OpenAPI document changed since ${path.relative(ROOT, DOCUMENT)} was generated. ` +
          'Run `npm start`, then `npm run console:api -- --from http://127.0.0.1:8080`, fix what the console type check reports, and commit.',
      );
      process.exit(1);
    }
    console.log('generate-api: the committed OpenAPI document is current');
    return;
  }
  const fromAt = process.argv.indexOf('--from');
  if (fromAt >= 0) {
    fs.writeFileSync(DOCUMENT, await fetchDocument(process.argv[fromAt + 1]));
    console.log(`wrote ${path.relative(ROOT, DOCUMENT)}`);
  }
  const cli = path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
  const result = spawnSync(process.execPath, [cli, DOCUMENT, '--output', TYPES, '--root-types'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`generate-api: ${error.message}`);
    process.exit(1);
  });
}

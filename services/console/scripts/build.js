#!/usr/bin/env node
// Builds the operator console (vite) into dist/console, where the gateway serves it, and prints the size of the
// JavaScript a first visit downloads (the entry script and the modules it preloads), gzip-compressed: the
// budget is 250 KB (issue 17). Screens loaded later, on navigation, are not counted.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(ROOT, 'dist/console');
const BUDGET_KB = 250;

/** The scripts index.html loads at once: its module entry and the modulepreload links. */
function initialScripts(html) {
  const found = new Set();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) found.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) found.add(match[1]);
  return [...found];
}

function initialJsGzipBytes(outDir) {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html has an inline script: a strict Content-Security-Policy would block it');
  return initialScripts(html).reduce((sum, src) => sum + zlib.gzipSync(fs.readFileSync(path.join(outDir, src.replace(/^\//, '')))).length, 0);
}

function main() {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'services/console/vite.config.mts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // A production bundle even when called from jest, which sets NODE_ENV=test (React's development build otherwise).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const kb = initialJsGzipBytes(OUT) / 1024;
  console.log(`console: built to ${path.relative(ROOT, OUT)}; initial JavaScript ${kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
  if (kb > BUDGET_KB) {
    console.error(`console: the initial JavaScript is over its ${BUDGET_KB} KB budget`);
    process.exit(1);
  }
}

module.exports = { initialScripts, initialJsGzipBytes };

if (require.main === module) main();

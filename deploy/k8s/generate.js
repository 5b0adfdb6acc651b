#!/usr/bin/env node
// Writes deploy/k8s/generated/*.yaml from the service table in tools/provision-topics/src/manifests.ts
// and the topic catalog in libs/contracts/src/topics.ts (the one source of topics).
//
//   node deploy/k8s/generate.js           write the files (and delete stale ones in generated/)
//   node deploy/k8s/generate.js --check   exit 1 if the committed files differ (what the drift test checks)
//
// Plain Node, no build step: TypeScript sources are transpiled in memory with the repository's own
// `typescript` (a devDependency) and the @crosswalk/* aliases are resolved to libs/*/src.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '../..');
const outDir = path.join(__dirname, 'generated');

function registerTypeScript() {
  const ts = require('typescript');
  const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
  const aliases = new Map(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]));
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveAlias(request, ...rest) {
    return resolve.call(this, aliases.get(request) ?? request, ...rest);
  };
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        esModuleInterop: true,
      },
    });
    module._compile(outputText, filename);
  };
}

function main() {
  const check = process.argv.includes('--check');
  registerTypeScript();
  const { renderManifests } = require(path.join(root, 'tools/provision-topics/src/manifests.ts'));
  const files = renderManifests();

  const existing = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith('.yaml')) : [];
  const stale = existing.filter((f) => !files.has(f));
  const changed = [...files].filter(([name, text]) => {
    const file = path.join(outDir, name);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
  });

  if (check) {
    if (changed.length === 0 && stale.length === 0) {
      process.stdout.write(`deploy/k8s/generated is up to date (${files.size} files)\n`);
      return;
    }
    for (const [name] of changed) process.stderr.write(`out of date: deploy/k8s/generated/${name}\n`);
    for (const name of stale) process.stderr.write(`stale (no longer generated): deploy/k8s/generated/${name}\n`);
    process.stderr.write('run `node deploy/k8s/generate.js` and commit the result\n');
    process.exitCode = 1;
    return;
  }

  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of changed) {
    fs.writeFileSync(path.join(outDir, name), text);
    process.stdout.write(`wrote deploy/k8s/generated/${name}\n`);
  }
  for (const name of stale) {
    fs.unlinkSync(path.join(outDir, name));
    process.stdout.write(`deleted deploy/k8s/generated/${name}\n`);
  }
  if (changed.length === 0 && stale.length === 0) process.stdout.write('nothing to do: already up to date\n');
}

main();

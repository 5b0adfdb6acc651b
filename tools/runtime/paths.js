// Resolves the `@crosswalk/*` aliases of tsconfig.base.json to the compiled files under dist/ at run time
// (`node -r ./tools/runtime/paths.js dist/services/<name>/src/main.js`). tsc leaves aliases as written.
const Module = require('node:module');
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const distRoot = path.resolve(__dirname, '../../dist');
const aliases = new Map(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(distRoot, target.replace(/\.ts$/, '.js'))]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const target = aliases.get(request);
  return resolve.call(this, target ?? request, ...rest);
};

// End-to-end tests run the compiled services as real processes, so build first (the console too).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ensurePrerequisites } = require('./prerequisites');
const { ensureChromium } = require('./chromium');

module.exports = async () => {
  await ensurePrerequisites();
  ensureChromium();
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // The gateway serves the console the browser tests open (services/console/scripts/build.js).
  execFileSync(process.execPath, [path.join(root, 'services/console/scripts/build.js')], { cwd: root, stdio: 'inherit' });
};

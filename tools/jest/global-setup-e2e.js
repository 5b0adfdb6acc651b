// End-to-end tests run the compiled services as real processes, so build first.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ensurePrerequisites } = require('./prerequisites');

module.exports = async () => {
  await ensurePrerequisites();
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
};

// The console's browser tests drive Debian's Chromium (playwright-core downloads no browser of its own here):
// installed with apt-get when missing and the tests run as root, as .ci/run does; otherwise a clear message.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env.CHROMIUM_PATH) {
    throw new Error(`The console's browser tests need Chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  process.stderr.write('e2e: installing chromium (apt-get) for the console browser tests\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`e2e: \`apt-get ${args.join(' ')}\` failed (exit ${result.status}); install chromium by hand`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`e2e: chromium installed but ${CHROMIUM} is still missing; set CHROMIUM_PATH`);
  return CHROMIUM;
}

module.exports = { CHROMIUM, ensureChromium };

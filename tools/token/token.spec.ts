import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verifyToken } from '@crosswalk/auth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_JWT_SECRET } = require('../start/dev-defaults') as { DEV_JWT_SECRET: string };

const script = join(__dirname, 'token.js');
const settings = { secret: DEV_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_MAX_TOKEN_LIFETIME_SECONDS']) delete env[name];
  return spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8' });
}

describe('npm run token', () => {
  it('issues a token the services accept (bounded lifetime)', () => {
    const result = run('--role', 'city_operator', '--city', 'c1');
    expect(result.status).toBe(0);
    expect(verifyToken(result.stdout.trim(), settings)).toEqual({ subject: 'dev-city_operator', role: 'city_operator', cities: ['c1'] });
  });

  it('refuses to issue a token the services would refuse for its lifetime', () => {
    const result = run('--role', 'analyst', '--expires-in', '30d');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('at most 43200 seconds');
  });
});

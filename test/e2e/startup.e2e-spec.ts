/** A service refuses to start on a bad environment, exits non-zero and names the variable. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function startSchools(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', './tools/runtime/paths.js', 'dist/services/schools/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HTTP_PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const good = { KAFKA_BROKERS: '127.0.0.1:1', JWT_SECRET: 'startup-test-secret-startup-test-secret' };

describe('service start-up with a bad environment', () => {
  it('exits non-zero naming JWT_SECRET when it is missing', () => {
    const { status, output } = startSchools({ KAFKA_BROKERS: good.KAFKA_BROKERS });
    expect(status).toBe(1);
    expect(output).toContain('JWT_SECRET is required');
  });

  it('exits non-zero naming DATABASE_URL when it is not a MySQL URL', () => {
    const { status, output } = startSchools({ ...good, DATABASE_URL: 'postgres://localhost/crosswalk' });
    expect(status).toBe(1);
    expect(output).toContain('DATABASE_URL must use the mysql:// scheme');
  });

  it('exits non-zero naming DATABASE_URL when the URL names no database', () => {
    const { status, output } = startSchools({ ...good, DATABASE_URL: 'mysql://root@127.0.0.1:3306' });
    expect(status).toBe(1);
    expect(output).toContain('DATABASE_URL must name a database');
  });

  it('exits non-zero naming KAFKA_BROKERS when it is missing', () => {
    const { status, output } = startSchools({ JWT_SECRET: good.JWT_SECRET });
    expect(status).toBe(1);
    expect(output).toContain('KAFKA_BROKERS is required');
  });
});

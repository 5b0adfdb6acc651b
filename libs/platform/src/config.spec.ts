import { ConfigError, HttpServiceConfig, PlatformConfig, loadConfig } from './config';

const valid = { KAFKA_BROKERS: '127.0.0.1:9092', JWT_SECRET: 'x'.repeat(32) };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(PlatformConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig(PlatformConfig, { ...valid, HTTP_PORT: '3001' });
    expect(config).toMatchObject({ HTTP_PORT: 3001, LOG_LEVEL: 'info', JWT_ISSUER: 'crosswalk', JWT_AUDIENCE: 'crosswalk-api' });
  });

  it('names a missing JWT secret', () => {
    expect(problemsOf({ KAFKA_BROKERS: valid.KAFKA_BROKERS })).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it('names a short JWT secret without echoing it', () => {
    const problems = problemsOf({ ...valid, JWT_SECRET: 'short-secret' });
    expect(problems.join()).toContain('JWT_SECRET must be at least 32 characters');
    expect(problems.join()).not.toContain('short-secret');
  });

  it('names missing or malformed Kafka brokers', () => {
    expect(problemsOf({ JWT_SECRET: valid.JWT_SECRET }).join()).toContain('KAFKA_BROKERS');
    expect(problemsOf({ ...valid, KAFKA_BROKERS: 'localhost' }).join()).toContain('KAFKA_BROKERS must be a comma-separated host:port list');
  });

  it('reads the fetch wait and names a bad one', () => {
    expect(loadConfig(PlatformConfig, { ...valid, KAFKA_FETCH_MAX_WAIT_MS: '20' }).KAFKA_FETCH_MAX_WAIT_MS).toBe(20);
    for (const bad of ['0', '-5', '2.5', 'soon', '30001']) {
      expect(problemsOf({ ...valid, KAFKA_FETCH_MAX_WAIT_MS: bad })).toEqual(['KAFKA_FETCH_MAX_WAIT_MS must be an integer from 1 to 30000 (milliseconds)']);
    }
  });

  it('reads the maximum token lifetime (default 12 hours) and names a bad one', () => {
    expect(loadConfig(PlatformConfig, valid).JWT_MAX_TOKEN_LIFETIME_SECONDS).toBe(43200);
    expect(loadConfig(PlatformConfig, { ...valid, JWT_MAX_TOKEN_LIFETIME_SECONDS: '3600' }).JWT_MAX_TOKEN_LIFETIME_SECONDS).toBe(3600);
    for (const bad of ['0', '59', '1.5', 'forever', '604801']) {
      expect(problemsOf({ ...valid, JWT_MAX_TOKEN_LIFETIME_SECONDS: bad })).toEqual([
        'JWT_MAX_TOKEN_LIFETIME_SECONDS must be an integer from 60 to 604800 (seconds)',
      ]);
    }
  });

  it('names an invalid DATABASE_URL', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: 'postgres://x@y/z' }).join()).toContain('DATABASE_URL must use the mysql:// scheme');
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://root@127.0.0.1:3306' }).join()).toContain('DATABASE_URL must name a database');
    expect(problemsOf({ ...valid, DATABASE_URL: 'not a url' }).join()).toContain('DATABASE_URL is not a valid URL');
  });

  it('names a bad port and log level', () => {
    const problems = problemsOf({ ...valid, HTTP_PORT: 'eighty', LOG_LEVEL: 'loud' }).join();
    expect(problems).toContain('HTTP_PORT');
    expect(problems).toContain('LOG_LEVEL must be one of');
  });

  it('lets HTTP-only processes start without Kafka or a database', () => {
    expect(() => loadConfig(HttpServiceConfig, { JWT_SECRET: valid.JWT_SECRET })).not.toThrow();
  });
});

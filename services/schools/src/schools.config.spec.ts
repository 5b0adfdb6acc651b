import { ConfigError, loadConfig } from '@crosswalk/platform';
import { SchoolsConfig } from './schools.config';

const BASE = { JWT_SECRET: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9092' };

describe('SchoolsConfig', () => {
  it('allows 10,000 rows per import by default', () => {
    expect(loadConfig(SchoolsConfig, BASE).SCHOOLS_IMPORT_MAX_ROWS).toBe(10_000);
  });

  it('reads the row limit as a number', () => {
    expect(loadConfig(SchoolsConfig, { ...BASE, SCHOOLS_IMPORT_MAX_ROWS: '2500' }).SCHOOLS_IMPORT_MAX_ROWS).toBe(2500);
  });

  it.each(['abc', '0', '-5', '2.5', '100001'])('refuses SCHOOLS_IMPORT_MAX_ROWS=%s, naming the variable', (value) => {
    expect(() => loadConfig(SchoolsConfig, { ...BASE, SCHOOLS_IMPORT_MAX_ROWS: value })).toThrow(ConfigError);
    expect(() => loadConfig(SchoolsConfig, { ...BASE, SCHOOLS_IMPORT_MAX_ROWS: value })).toThrow(/SCHOOLS_IMPORT_MAX_ROWS/);
  });
});

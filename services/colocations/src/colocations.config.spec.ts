import { ConfigError, loadConfig } from '@crosswalk/platform';
import { ColocationsConfig } from './colocations.config';

const BASE = { JWT_SECRET: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9092' };

describe('ColocationsConfig', () => {
  it('gives 90 grace days and an hourly evaluation by default', () => {
    const config = loadConfig(ColocationsConfig, BASE);
    expect(config.COLOCATION_GRACE_PERIOD_DAYS).toBe(90);
    expect(config.COLOCATION_GRACE_CHECK_INTERVAL_SECONDS).toBe(3600);
  });

  it('reads the grace period as a number of days', () => {
    expect(loadConfig(ColocationsConfig, { ...BASE, COLOCATION_GRACE_PERIOD_DAYS: '30' }).COLOCATION_GRACE_PERIOD_DAYS).toBe(30);
  });

  it.each(['abc', '0', '-5', '2.5'])('refuses COLOCATION_GRACE_PERIOD_DAYS=%s, naming the variable', (value) => {
    expect(() => loadConfig(ColocationsConfig, { ...BASE, COLOCATION_GRACE_PERIOD_DAYS: value })).toThrow(ConfigError);
    expect(() => loadConfig(ColocationsConfig, { ...BASE, COLOCATION_GRACE_PERIOD_DAYS: value })).toThrow(/COLOCATION_GRACE_PERIOD_DAYS/);
  });

  it('refuses a negative evaluation interval', () => {
    expect(() => loadConfig(ColocationsConfig, { ...BASE, COLOCATION_GRACE_CHECK_INTERVAL_SECONDS: '-1' })).toThrow(/COLOCATION_GRACE_CHECK_INTERVAL_SECONDS/);
  });
});

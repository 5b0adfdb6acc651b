import { METRICS_ENTITIES } from './app.module';
import { METRICS_CONSUMER } from './consumers';

describe('METRICS_CONSUMER', () => {
  it('names every table of the service as its projection, so a replay empties and rebuilds them all', () => {
    expect(new Set(METRICS_CONSUMER.projection)).toEqual(new Set(METRICS_ENTITIES));
    expect(METRICS_CONSUMER.projection).toHaveLength(new Set(METRICS_CONSUMER.projection).size);
  });
});

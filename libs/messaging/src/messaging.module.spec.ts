import { SERVICE_GROUP_TIMINGS, serviceGroupTimings } from './messaging.module';

describe('serviceGroupTimings', () => {
  it('keeps the services’ fetch wait when KAFKA_FETCH_MAX_WAIT_MS is unset or empty', () => {
    expect(serviceGroupTimings({})).toEqual(SERVICE_GROUP_TIMINGS);
    expect(serviceGroupTimings({ KAFKA_FETCH_MAX_WAIT_MS: '' })).toEqual(SERVICE_GROUP_TIMINGS);
  });

  it('takes the fetch wait from KAFKA_FETCH_MAX_WAIT_MS and leaves the other timings', () => {
    expect(serviceGroupTimings({ KAFKA_FETCH_MAX_WAIT_MS: '20' })).toEqual({ ...SERVICE_GROUP_TIMINGS, maxWaitTimeInMs: 20 });
  });

  it('refuses a value that is not a whole number of milliseconds from 1 to 30000', () => {
    for (const bad of ['0', '2.5', 'soon', '30001']) {
      expect(() => serviceGroupTimings({ KAFKA_FETCH_MAX_WAIT_MS: bad })).toThrow('KAFKA_FETCH_MAX_WAIT_MS must be an integer from 1 to 30000');
    }
  });
});

import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { MESSAGING_SETTINGS, SERVICE_GROUP_TIMINGS, createInboxServer, serviceGroupTimings } from './messaging.module';
import { Outbox } from './outbox';

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

describe('createInboxServer', () => {
  /** Just enough of an application for the check that runs before the server is built. */
  const appOf = (service: string) =>
    ({
      get: (token: unknown) => (token === Outbox ? new Outbox({ service }) : token === MESSAGING_SETTINGS ? { brokers: ['127.0.0.1:9'] } : undefined),
    }) as unknown as INestApplicationContext;

  it('refuses a consumer of a service that is not a reader of a restricted topic it names, or of its dead letters', () => {
    for (const topic of ['schools.contacts.v1', 'schools.contacts.v1.dlq']) {
      expect(() => createInboxServer(appOf('metrics'), { consumer: 'metrics', topics: ['schools.directory.v1', topic] })).toThrow(
        `The metrics service may not read ${topic}: restricted topics (contact data) are read only by the services the catalog lists as their readers`,
      );
    }
  });
});

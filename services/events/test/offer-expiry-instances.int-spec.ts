// Every replica of the events service runs the offer-expiry job, at about the same moments. Two instances (two
// apps, so two connection pools and two outbox relays, on one MariaDB database and one Kafka cluster) expire the
// same overdue offers at once: each offer expires exactly once, with one history row and one
// events.registration.offer-expired on the topic, and each freed seat is offered to one person only.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, signToken } from '@crosswalk/auth';
import { PROGRAMS_TOPIC, RegistrationOfferExpired, RegistrationOffered } from '@crosswalk/contracts';
import { type RunningApp, type ServiceUnderTest, TEST_JWT_SECRET, pollUntil, startServiceApp, startServiceUnderTest } from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { EVENTS_SERVICE } from '../src/events.definition';
import { apiClient, cityCreated, daysFromNow, personCreated } from './support';

jest.setTimeout(180_000);

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const ADMIN = signToken({ subject: 'network_admin-1', role: 'network_admin' }, AUTH);
const EVENTS = 20;
/** Runs of the job per instance, all at once: an instance's own runs race each other too. */
const RUNS_PER_INSTANCE = 3;
const denver = randomUUID();
/** Per event: the seat holder who withdraws, the first in line (offered), the second in line. */
const people = Array.from({ length: EVENTS }, () => [randomUUID(), randomUUID(), randomUUID()] as const);

interface RegistrationView {
  id: string;
  personId: string;
  status: string;
  offerExpiresAt: string | null;
}
interface OfferExpiryView {
  asOf: string;
  expired: string[];
  offered: string[];
}
interface ChangeRow {
  registrationId: string;
  cause: string;
}

const countBy = <T>(values: readonly T[]): Map<T, number> => values.reduce((counts, v) => counts.set(v, (counts.get(v) ?? 0) + 1), new Map<T, number>());
const onceEach = <T>(values: readonly T[]): Map<T, number> => new Map(values.map((v) => [v, 1]));

describe('offer expiry by two instances at once', () => {
  let underTest: ServiceUnderTest;
  let second: RunningApp;
  const instances = (): RunningApp[] => [underTest.service, second];
  const database = (): DataSource => underTest.service.app.get(DataSource);
  const { ok } = apiClient(() => underTest.service.url, ADMIN);

  /** Per event: the registration holding the open offer, and the one next in line. */
  const offers: { eventId: string; offer: RegistrationView; next: RegistrationView }[] = [];

  beforeAll(async () => {
    const env = { EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0', EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0' };
    underTest = await startServiceUnderTest(EVENTS_SERVICE, {
      database: 'events_offer_expiry_instances',
      env,
      wire: { read: [PROGRAMS_TOPIC], clientId: 'events-expiry-instances-test' },
    });
    // The same settings as the first: one database, one cluster, one consumer group.
    second = await startServiceApp(EVENTS_SERVICE, {
      DATABASE_URL: underTest.database.url,
      KAFKA_BROKERS: underTest.cluster.bootstrapServers.join(','),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...env,
    });
    await underTest.wire.publish(cityCreated(denver, 'Denver', 'CO'), ...people.flat().map((id, i) => personCreated(id, `Teacher ${i}`)));
    await pollUntil(
      async () => Number((await database().query<{ n: string }[]>('SELECT COUNT(*) AS n FROM directory_copy_person'))[0].n),
      (n) => n === EVENTS * 3,
      { timeoutMs: 60_000, description: 'the local copy knows every person' },
    );

    for (const [i, [holder, first, next]] of people.entries()) {
      const event = await ok<{ id: string }>('POST', '/v1/events', {
        kind: 'workshop',
        title: `Reading across the curriculum ${i + 1}`,
        cityId: denver,
        venue: 'Central Library',
        startsAt: daysFromNow(10 + i),
        endsAt: daysFromNow(10 + i, 18),
        capacity: 1,
        offerHours: 48,
      });
      const register = (personId: string) => ok<RegistrationView>('POST', `/v1/events/${event.id}/registrations`, { personId });
      const seated = await register(holder);
      const [waiting, after] = [await register(first), await register(next)];
      expect([seated.status, waiting.status, after.status]).toEqual(['registered', 'waitlisted', 'waitlisted']);
      await ok('POST', `/v1/registrations/${seated.id}/cancel`);
      const offer = await ok<RegistrationView>('GET', `/v1/registrations/${waiting.id}`);
      expect(offer.status).toBe('offered');
      offers.push({ eventId: event.id, offer, next: after });
    }
  });

  afterAll(async () => {
    await second?.close();
    await underTest?.stop();
  });

  it('expires each offer once and offers each freed seat to one person, whichever instance gets to it', async () => {
    // Past every deadline (48 hours after each withdrawal), days before any event starts.
    const asOf = new Date(Date.now() + 49 * 3_600_000).toISOString();
    for (const { offer } of offers) expect(new Date(offer.offerExpiresAt ?? asOf).getTime()).toBeLessThan(new Date(asOf).getTime());

    const runs = await Promise.all(
      instances().flatMap((instance) =>
        Array.from({ length: RUNS_PER_INSTANCE }, () =>
          apiClient(() => instance.url, ADMIN).ok<OfferExpiryView>('POST', '/v1/events/offer-expiries', { asOf }),
        ),
      ),
    );
    expect(runs.every((run) => run.asOf === asOf)).toBe(true);

    const offerIds = offers.map((o) => o.offer.id);
    const nextIds = offers.map((o) => o.next.id);
    const expired = runs.flatMap((run) => run.expired);
    const offered = runs.flatMap((run) => run.offered);
    expect(countBy(expired)).toEqual(onceEach(offerIds));
    expect(countBy(offered)).toEqual(onceEach(nextIds));

    const changes = await database().query<ChangeRow[]>(
      'SELECT registrationId, cause FROM event_registration_change WHERE cause IN (?, ?) AND eventId IN (?)',
      ['offer_expired', 'offered', offers.map((o) => o.eventId)],
    );
    expect(countBy(changes.filter((c) => c.cause === 'offer_expired').map((c) => c.registrationId))).toEqual(onceEach(offerIds));
    // The first in line was offered once (at the withdrawal), the next once (at the expiry).
    expect(countBy(changes.filter((c) => c.cause === 'offered').map((c) => c.registrationId))).toEqual(onceEach([...offerIds, ...nextIds]));
    for (const { offer, next } of offers) {
      expect((await ok<RegistrationView>('GET', `/v1/registrations/${offer.id}`)).status).toBe('expired');
      expect(await ok<RegistrationView>('GET', `/v1/registrations/${next.id}`)).toMatchObject({ status: 'offered' });
    }

    // Everything both relays sent is on the topic before it is counted; a duplicate would make more records than rows.
    const eventIds = new Set(offers.map((o) => o.eventId));
    const outboxRows = await pollUntil(
      () => database().query<{ status: string }[]>('SELECT status FROM messaging_outbox WHERE topic = ? AND `key` IN (?)', [PROGRAMS_TOPIC, [...eventIds]]),
      (rows) => rows.every((row) => row.status === 'sent'),
      { timeoutMs: 60_000, description: 'both relays sent every outbox row' },
    );
    const onTopic = await pollUntil(
      () => underTest.wire.published.filter((e) => eventIds.has(e.key)),
      (records) => records.length >= outboxRows.length,
      { timeoutMs: 60_000, description: 'the wire read every record the relays sent' },
    );
    expect(onTopic).toHaveLength(outboxRows.length);
    const registrationIdsOf = (type: string) => onTopic.filter((e) => e.type === type).map((e) => String(e.payload.registrationId));
    expect(countBy(registrationIdsOf(RegistrationOfferExpired.type))).toEqual(onceEach(offerIds));
    expect(countBy(registrationIdsOf(RegistrationOffered.type))).toEqual(onceEach([...offerIds, ...nextIds]));

    // Nothing is left for a later run of either instance.
    for (const instance of instances()) {
      expect(await apiClient(() => instance.url, ADMIN).ok<OfferExpiryView>('POST', '/v1/events/offer-expiries', { asOf })).toEqual({
        asOf,
        expired: [],
        offered: [],
      });
    }
  });
});

// People are told: the events service in-process on MariaDB and the dev Kafka cluster, sending real SMTP to a
// mail sink this test runs. Registrations, offers, expiries, reschedules and cancellations reach the person by
// email from the service's own records on events.programs.v1; offer links work without a token, once, for one
// action; a refused or failed send is retried and visible; nothing is written or sent twice. Addresses come from
// the restricted contacts topic only (never from the directory's person events, old ones included), a replay
// rebuilds them from it, and nothing the service publishes carries one.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { PROGRAMS_TOPIC, deadLetterTopicOf } from '@crosswalk/contracts';
import { collectEventHandlers, replayConsumer } from '@crosswalk/messaging';
import {
  DevKafkaCluster,
  type EventWire,
  MailSink,
  type ReceivedMail,
  type RunningApp,
  TEST_JWT_SECRET,
  type TestDatabase,
  connectEventWire,
  createTestDatabase,
  inboxOutcomeCount,
  personContactChanged,
  personCreatedWithEmail,
  pollUntil,
  propertiesNamed,
  readWholeTopics,
  startServiceApp,
} from '@crosswalk/testing';
import { logLevel } from 'kafkajs';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { EVENTS_CONSUMER, EVENTS_NOTIFIER_CONSUMER } from '../src/consumers';
import { EVENTS_SERVICE } from '../src/events.definition';
import { formatInstant } from '../src/notifications/notification.rules';
import { signOfferLink } from '../src/offers/offer-link.rules';
import { apiClient, cityCreated, daysFromNow, personCreated, schoolCreated } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const LINK_SECRET = 'notifications-test-offer-link-secret-0123456789';
/** Where the links in mail point: the gateway in production; the test calls the service with the same paths. */
const LINK_BASE = 'https://crosswalk.test/gateway/';
const denver = randomUUID();
const oakland = randomUUID();
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const DENVER_OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);
const ANALYST = token('analyst');

const lincoln = randomUUID();
const [ana, ben, cruz, dana, eli, fay] = Array.from({ length: 6 }, () => randomUUID());
const NAMES = new Map([
  [ana, 'Ana Ruiz'],
  [ben, 'Ben Okafor'],
  [cruz, 'Cruz Medina'],
  [dana, 'Dana Whitfield'],
  [eli, 'Eli Novak'],
  [fay, 'Fay Lindqvist'],
]);
/** What the contacts topic says: nothing else in this test carries an address. */
const addressOf = (personId: string) => `${personId}@contacts.example`;
/** A person the directory told of only in a version 1 record, address included, from before the contacts topic. */
const gil = randomUUID();

interface EventView {
  id: string;
}
interface RegistrationView {
  id: string;
  status: string;
  offerExpiresAt: string | null;
  history: { to: string; cause: string }[];
}
interface NotificationView {
  id: string;
  kind: string;
  status: string;
  personId: string;
  eventId: string;
  registrationId: string;
  cityId: string;
  to: string | null;
  subject: string;
  body: string;
  attempts: number;
  lastError: string | null;
  skipReason: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Delivery {
  asOf: string;
  sent: string[];
  failed: string[];
}
interface OfferAnswer {
  registrationId: string;
  action: string;
  status: string;
  alreadyAnswered: boolean;
  message: string;
}

describe('people are told', () => {
  let cluster: DevKafkaCluster;
  let database: TestDatabase;
  let service: RunningApp;
  let wire: EventWire;
  let sink: MailSink;

  const { call, ok } = apiClient(() => service.url, ADMIN);
  const schedule = (over: Record<string, unknown> = {}) =>
    ok<EventView>('POST', '/v1/events', {
      kind: 'workshop',
      title: 'Reading across the curriculum',
      cityId: denver,
      venue: 'Central Library',
      timeZone: 'America/Denver',
      startsAt: daysFromNow(30),
      endsAt: daysFromNow(30, 18),
      ...over,
    });
  const register = (eventId: string, personId: string) => ok<RegistrationView>('POST', `/v1/events/${eventId}/registrations`, { personId });
  const deliver = (asOf?: string) => ok<Delivery>('POST', '/v1/notifications/deliveries', asOf ? { asOf } : {});
  const notifications = (query: Record<string, string>, bearer: string = ADMIN) =>
    ok<Page<NotificationView>>('GET', `/v1/notifications?${new URLSearchParams(query).toString()}`, undefined, bearer);
  /** Waits for the notifier to have written what `query` selects (it reads the topic, so it lags the request). */
  const notified = async (query: Record<string, string>, count = 1): Promise<NotificationView[]> =>
    (
      await pollUntil(
        () => notifications(query),
        (page) => page.items.length >= count,
        { timeoutMs: 30_000, description: `${count} notification(s) for ${JSON.stringify(query)}` },
      )
    ).items;
  const notification = (id: string) => ok<NotificationView>('GET', `/v1/notifications/${id}`);
  const mailFor = (id: string): ReceivedMail[] => sink.messages.filter((m) => m.raw.includes(`X-Crosswalk-Notification: ${id}`));
  const parsed = async (mail: ReceivedMail) => {
    const message = await simpleParser(mail.raw);
    return { subject: message.subject ?? '', text: message.text ?? '', header: message.headers.get('x-crosswalk-notification') };
  };
  /** A link in a mail, as the path the service serves (the test talks to it without the gateway). */
  const pathOf = (url: string) => {
    expect(url.startsWith(LINK_BASE)).toBe(true);
    return `/${url.slice(LINK_BASE.length)}`;
  };
  const linksIn = (text: string) => {
    const [accept] = /https:\S+\/accept/.exec(text) ?? [];
    const [decline] = /https:\S+\/decline/.exec(text) ?? [];
    if (!accept || !decline) throw new Error(`no offer links in:\n${text}`);
    return { accept: pathOf(accept), decline: pathOf(decline) };
  };
  /** An offer link followed without any token, as a person's mail program does. */
  const follow = async (method: 'GET' | 'POST', path: string, accept = 'application/json') => {
    const response = await fetch(`${service.url}${path}`, { method, headers: { accept } });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      cacheControl: response.headers.get('cache-control'),
      text: await response.text(),
    };
  };

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({ brokers: 1 });
    database = await createTestDatabase('events_notifications');
    sink = await MailSink.start();
    service = await startServiceApp(EVENTS_SERVICE, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: cluster.bootstrapServers.join(','),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0',
      // The test sends what is due through the operator route, as of instants it chooses.
      EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0',
      EVENTS_SMTP_HOST: sink.host,
      EVENTS_SMTP_PORT: String(sink.port),
      EVENTS_MAIL_FROM: 'Crosswalk events <events@crosswalk.test>',
      EVENTS_LINK_BASE_URL: LINK_BASE,
      EVENTS_OFFER_LINK_SECRET: LINK_SECRET,
    });
    wire = await connectEventWire(cluster.bootstrapServers, { read: [PROGRAMS_TOPIC], clientId: 'events-notifications-test' });
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      schoolCreated(lincoln, denver, 'Lincoln Elementary', 'district'),
      ...[...NAMES].map(([id, name]) => personCreated(id, name)),
      ...[...NAMES.keys()].map((id) => personContactChanged(id, addressOf(id))),
      personCreatedWithEmail(gil, 'Gil Moreau', `${gil}@old-directory.example`),
    );
    const count = async (table: string) => Number((await service.app.get(DataSource).query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    await pollUntil(
      () => Promise.all([count('directory_copy_city'), count('event_person_contact')]),
      ([cities, contacts]) => cities === 2 && contacts === NAMES.size,
      {
        timeoutMs: 60_000,
        description: 'the local copy knows the cities and people',
      },
    );
  });

  afterAll(async () => {
    await wire?.close();
    await service?.close();
    await sink?.stop();
    await database?.drop();
    await cluster?.stop();
  });

  let workshop: EventView;
  let anaRegistration: RegistrationView;

  it('confirms a registration by email, once, with the event in its local time', async () => {
    workshop = await schedule({ capacity: 1, startsAt: '2031-03-14T15:00:00.000Z', endsAt: '2031-03-14T18:00:00.000Z' });
    anaRegistration = await register(workshop.id, ana);
    expect(anaRegistration.status).toBe('registered');

    const [pending] = await notified({ personId: ana, eventId: workshop.id });
    expect(pending).toMatchObject({
      kind: 'registration_confirmed',
      status: 'pending',
      registrationId: anaRegistration.id,
      cityId: denver,
      to: addressOf(ana),
      attempts: 0,
      subject: 'You are registered: Reading across the curriculum',
    });

    const run = await deliver();
    expect(run.sent).toContain(pending.id);
    const [mail, ...more] = mailFor(pending.id);
    expect(more).toHaveLength(0);
    expect(mail.to).toEqual([addressOf(ana)]);
    expect(mail.from).toBe('events@crosswalk.test');
    const { subject, text, header } = await parsed(mail);
    expect(subject).toBe('You are registered: Reading across the curriculum');
    expect(header).toBe(pending.id);
    expect(text).toContain('Hello Ana Ruiz,');
    expect(text).toContain('When:  Friday, March 14, 2031, 9:00 AM to 12:00 PM (MDT)');
    expect(text).toContain('Where: Central Library');

    expect(await notification(pending.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
    expect((await notification(pending.id)).sentAt).not.toBeNull();
    // Sent once: a later run finds nothing due.
    expect((await deliver()).sent).not.toContain(pending.id);
    expect(mailFor(pending.id)).toHaveLength(1);
  });

  it("mails an offer whose links accept or decline it without a token, once, and only for the link's own action", async () => {
    const benRegistration = await register(workshop.id, ben);
    expect(benRegistration.status).toBe('waitlisted');
    await notified({ personId: ben, kind: 'registration_waitlisted' });
    await ok('POST', `/v1/registrations/${anaRegistration.id}/cancel`);

    const [offer] = await notified({ personId: ben, kind: 'seat_offered' });
    expect((await deliver()).sent).toContain(offer.id);
    const [mail] = mailFor(offer.id);
    const { subject, text } = await parsed(mail);
    expect(subject).toBe('A seat is yours if you want it: Reading across the curriculum');
    const offered = await ok<RegistrationView>('GET', `/v1/registrations/${benRegistration.id}`);
    expect(offered.status).toBe('offered');
    expect(text).toContain(`The offer holds until ${formatInstant(new Date(offered.offerExpiresAt as string), 'America/Denver')}.`);
    const links = linksIn(text);

    // A decline link never accepts, a token changed by one character is nobody's, and neither changes anything.
    expect((await follow('POST', links.decline.replace(/\/decline$/, '/accept'))).status).toBe(404);
    const forged = links.accept.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    const refused = await follow('GET', forged);
    expect(refused.status).toBe(404);
    expect(refused.type).toContain('application/problem+json');
    expect((await ok<RegistrationView>('GET', `/v1/registrations/${benRegistration.id}`)).status).toBe('offered');

    // Following the accept link in a browser takes the seat and answers a page.
    const accepted = await follow('GET', links.accept, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(accepted.status).toBe(200);
    expect(accepted.type).toContain('text/html');
    expect(accepted.cacheControl).toBe('no-store');
    expect(accepted.text).toContain('<h1>Seat accepted</h1>');
    expect(accepted.text).toContain('Your seat at Reading across the curriculum is confirmed.');
    const registration = await ok<RegistrationView>('GET', `/v1/registrations/${benRegistration.id}`);
    expect(registration.status).toBe('registered');
    expect(registration.history.at(-1)).toMatchObject({ to: 'registered', cause: 'accepted' });
    // The person acted: the record on the topic names them.
    const acceptedRecord = await pollUntil(
      () => wire.published.find((e) => e.type === 'events.registration.accepted' && e.payload.registrationId === benRegistration.id),
      (e) => e !== undefined,
      { timeoutMs: 30_000, description: 'events.registration.accepted on the topic' },
    );
    expect(acceptedRecord?.actor).toEqual({ kind: 'user', id: ben });

    // Followed again it says so and changes nothing; the decline link no longer works: the offer has ended.
    const again = JSON.parse((await follow('POST', links.accept)).text) as OfferAnswer;
    expect(again).toMatchObject({ registrationId: benRegistration.id, action: 'accept', status: 'registered', alreadyAnswered: true });
    const late = await follow('POST', links.decline);
    expect(late.status).toBe(409);
    expect(JSON.parse(late.text)).toMatchObject({ code: 'registration_refused', reason: 'registration_status_conflict' });
    expect((await ok<RegistrationView>('GET', `/v1/registrations/${benRegistration.id}`)).history.filter((h) => h.cause === 'accepted')).toHaveLength(1);

    await notified({ personId: ben, kind: 'offer_accepted' });
  });

  it('tells a person whose offer expired, and its links stop working', async () => {
    const session = await schedule({ capacity: 1, title: 'Data-driven instruction' });
    const cruzRegistration = await register(session.id, cruz);
    const danaRegistration = await register(session.id, dana);
    await ok('POST', `/v1/registrations/${cruzRegistration.id}/cancel`);
    const [offer] = await notified({ personId: dana, kind: 'seat_offered' });
    await deliver();
    const links = linksIn((await parsed(mailFor(offer.id)[0])).text);

    const { offerExpiresAt } = await ok<RegistrationView>('GET', `/v1/registrations/${danaRegistration.id}`);
    expect(offerExpiresAt).not.toBeNull();
    expect((await ok<{ expired: string[] }>('POST', '/v1/events/offer-expiries', { asOf: offerExpiresAt })).expired).toContain(danaRegistration.id);
    const [expiry] = await notified({ personId: dana, kind: 'offer_expired' });
    expect((await deliver()).sent).toContain(expiry.id);
    const { subject, text } = await parsed(mailFor(expiry.id)[0]);
    expect(subject).toBe('Your offer has expired: Data-driven instruction');
    expect(text).toContain('was not accepted in time');

    // The offer ended before its link's deadline: the use case refuses. A link past its deadline is refused as such.
    const late = await follow('POST', links.accept);
    expect(late.status).toBe(409);
    expect(JSON.parse(late.text)).toMatchObject({ code: 'registration_refused', reason: 'no_open_offer' });
    const lapsed = signOfferLink({ registrationId: danaRegistration.id, action: 'decline', expiresAt: new Date(Date.now() - 1000) }, LINK_SECRET);
    const answer = await follow('GET', `/v1/offers/${lapsed}/decline`);
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'registration_refused', reason: 'offer_link_expired' });
    expect((await ok<RegistrationView>('GET', `/v1/registrations/${danaRegistration.id}`)).status).toBe('expired');
  });

  it('tells every registrant of a reschedule and of a cancellation, with the reason', async () => {
    const townHall = await schedule({
      title: 'Town hall on attendance',
      kind: 'town_hall',
      startsAt: '2031-05-06T00:30:00.000Z',
      endsAt: '2031-05-06T02:00:00.000Z',
    });
    const registrations = [await register(townHall.id, ana), await register(townHall.id, fay)];
    await notified({ eventId: townHall.id, kind: 'registration_confirmed' }, 2);

    await ok('POST', `/v1/events/${townHall.id}/reschedule`, {
      startsAt: '2031-05-13T00:30:00.000Z',
      endsAt: '2031-05-13T02:00:00.000Z',
      reason: 'The library is closed that day',
    });
    const moved = await notified({ eventId: townHall.id, kind: 'event_rescheduled' }, 2);
    expect(moved.map((n) => n.registrationId).sort()).toEqual(registrations.map((r) => r.id).sort());
    for (const n of moved) {
      expect(n.subject).toBe('Event moved: Town hall on attendance');
      expect(n.body).toContain('When:  Monday, May 12, 2031, 6:30 PM to 8:00 PM (MDT)');
      expect(n.body).toContain('It was planned for Monday, May 5, 2031, 6:30 PM to 8:00 PM (MDT).');
      expect(n.body).toContain('Reason given: The library is closed that day');
    }

    await ok('POST', `/v1/events/${townHall.id}/cancel`, { reason: 'Too few registrations' });
    const cancelled = await notified({ eventId: townHall.id, kind: 'event_cancelled' }, 2);
    expect(cancelled.map((n) => n.personId).sort()).toEqual([ana, fay].sort());

    const run = await deliver();
    for (const n of [...moved, ...cancelled]) expect(run.sent).toContain(n.id);
    const faysCancellation = cancelled.find((n) => n.personId === fay) as NotificationView;
    const { subject, text } = await parsed(mailFor(faysCancellation.id)[0]);
    expect(subject).toBe('Event cancelled: Town hall on attendance');
    expect(text).toContain('Reason given: Too few registrations');
    const subjects = await Promise.all(sink.messagesTo(addressOf(fay)).map(async (m) => (await parsed(m)).subject));
    expect(subjects).toEqual(['You are registered', 'Event moved', 'Event cancelled'].map((s) => `${s}: Town hall on attendance`));
  });

  it('retries a send the mail server refused or could not take, shows why, then sends it once', async () => {
    const clinic = await schedule({ title: 'Coaching clinic' });
    sink.refuse({ code: 451, message: 'Mailbox busy, try again later' });
    await register(clinic.id, cruz);
    const [pending] = await notified({ personId: cruz, eventId: clinic.id });

    const first = await deliver();
    expect(first.failed).toContain(pending.id);
    const failed = await notification(pending.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(failed.lastError).toContain('451');
    expect(new Date(failed.nextAttemptAt as string).getTime()).toBeGreaterThan(new Date(first.asOf).getTime());
    expect(await notifications({ status: 'failed', personId: cruz }, DENVER_OPERATOR)).toMatchObject({ items: [{ id: pending.id }] });

    // Not due again before its backoff has passed.
    const early = await deliver();
    expect([...early.sent, ...early.failed]).not.toContain(pending.id);

    // The mail server is down altogether: the connection error is what shows, and the wait grows.
    const { port } = sink;
    await sink.stop();
    const down = await deliver(failed.nextAttemptAt as string);
    expect(down.failed).toContain(pending.id);
    const stillFailed = await notification(pending.id);
    expect(stillFailed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(stillFailed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const wait = (n: NotificationView, asOf: string) => new Date(n.nextAttemptAt as string).getTime() - new Date(asOf).getTime();
    expect(wait(stillFailed, down.asOf)).toBeGreaterThan(wait(failed, first.asOf));

    // Back up: sent, once.
    sink = await MailSink.start({ port });
    const back = await deliver(stillFailed.nextAttemptAt as string);
    expect(back.sent).toContain(pending.id);
    expect(await notification(pending.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null, nextAttemptAt: null });
    expect(mailFor(pending.id)).toHaveLength(1);
  });

  it('gives up at once when the mail server refuses a message for good', async () => {
    const clinic = await schedule({ title: 'Leading adult learning' });
    sink.refuse({ code: 550, message: 'No such mailbox' });
    try {
      await register(clinic.id, dana);
      const [pending] = await notified({ personId: dana, eventId: clinic.id });
      expect((await deliver()).failed).toContain(pending.id);
      const given = await notification(pending.id);
      expect(given).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
      expect(given.lastError).toContain('550');
    } finally {
      sink.accept();
    }
  });

  it('records a notification to a person it has no address for as skipped, and sends nothing', async () => {
    // A person whose address the service has lost (a replay of the contacts topic gives it back: see below).
    await service.app.get(DataSource).query('DELETE FROM event_person_contact WHERE personId = ?', [eli]);
    const seminar = await schedule({ title: 'Seminar on feedback' });
    await register(seminar.id, eli);
    const [skipped] = await notified({ personId: eli });
    expect(skipped).toMatchObject({ kind: 'registration_confirmed', status: 'skipped', skipReason: 'no_email_address', to: null, nextAttemptAt: null });
    const run = await deliver();
    expect([...run.sent, ...run.failed]).not.toContain(skipped.id);
    expect(mailFor(skipped.id)).toHaveLength(0);
  });

  it("takes a person's address from the contacts topic alone: never from a directory record, and the latest one", async () => {
    // Gil's only record is a version 1 directory event with an address: the copy has the name, not the address.
    const dataSource = service.app.get(DataSource);
    await pollUntil(
      () => dataSource.query<{ fullName: string }[]>('SELECT fullName FROM directory_copy_person WHERE id = ?', [gil]),
      (rows) => rows.length === 1,
      { timeoutMs: 30_000, description: "the copy knows Gil's name" },
    );
    expect(await dataSource.query('SELECT email FROM event_person_contact WHERE personId = ?', [gil])).toEqual([]);
    const first = await schedule({ title: 'Coaching conversations' });
    await register(first.id, gil);
    const [unaddressed] = await notified({ personId: gil, eventId: first.id });
    expect(unaddressed).toMatchObject({ status: 'skipped', skipReason: 'no_email_address', to: null });

    const current = `gil.moreau.${gil}@contacts.example`;
    await wire.publish(personContactChanged(gil, `${gil}@contacts.example`), personContactChanged(gil, current));
    await pollUntil(
      () => dataSource.query<{ email: string }[]>('SELECT email FROM event_person_contact WHERE personId = ?', [gil]),
      (rows) => rows[0]?.email === current,
      { timeoutMs: 30_000, description: "Gil's latest address" },
    );
    const second = await schedule({ title: 'Data teams' });
    await register(second.id, gil);
    const [addressed] = await notified({ personId: gil, eventId: second.id });
    expect(addressed).toMatchObject({ status: 'pending', to: current, body: expect.stringContaining('Hello Gil Moreau,') });
    expect((await deliver()).sent).toContain(addressed.id);
    expect(mailFor(addressed.id).map((m) => m.to)).toEqual([[current]]);
  });

  it('rebuilds every address from the contacts topic when its consumer is replayed', async () => {
    const dataSource = service.app.get(DataSource);
    const contacts = () => dataSource.query<{ personId: string; email: string }[]>('SELECT personId, email FROM event_person_contact ORDER BY personId');
    const before = await contacts();
    expect(before.map((c) => c.personId)).not.toContain(eli);
    await pollUntil(
      () => wire.caughtUp(EVENTS_CONSUMER.consumer, EVENTS_CONSUMER.topics),
      (done) => done,
      { timeoutMs: 30_000, description: 'the events consumer has read its topics' },
    );
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave.
    const result = await replayConsumer({
      consumer: EVENTS_CONSUMER.consumer,
      topics: EVENTS_CONSUMER.topics,
      dataSource,
      brokers: cluster.bootstrapServers,
      handlers: collectEventHandlers(service.app),
      // What `npm run replay -- events events` does: the projection's tables emptied, then refilled.
      reset: async (manager) => {
        for (const table of EVENTS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
      },
      kafka: { logLevel: logLevel.NOTHING },
      group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
      timeoutMs: 60_000,
    });
    expect(result.deadLettered).toBe(0);
    // Everyone the contacts topic told of, each at their latest address: Eli's lost one is back, Gil's is the newer.
    const expected = [
      ...[...NAMES.keys()].map((id) => ({ personId: id, email: addressOf(id) })),
      { personId: gil, email: `gil.moreau.${gil}@contacts.example` },
    ];
    expect(await contacts()).toEqual(expected.sort((a, b) => (a.personId < b.personId ? -1 : 1)));
    expect(Number((await dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM directory_copy_person'))[0].n)).toBe(NAMES.size + 1);
  });

  it('publishes no address: nothing on its own topic carries one', async () => {
    const records = await readWholeTopics(cluster.bootstrapServers, [PROGRAMS_TOPIC, deadLetterTopicOf(PROGRAMS_TOPIC)]);
    expect(records.filter((r) => (r.value as { type?: string }).type === 'events.registration.created').length).toBeGreaterThan(5);
    expect(records.flatMap((r) => propertiesNamed(r.value, 'email').map((path) => `${r.offset}: ${path}`))).toEqual([]);
    const text = records.map((r) => JSON.stringify(r.value)).join('\n');
    expect(text).not.toMatch(/@contacts\.example|@old-directory\.example/);
  });

  it('writes and sends nothing twice when the notifier reads a record again, redelivered or replayed', async () => {
    const record = wire.published.find((e) => e.type === 'events.registration.created' && e.payload.registrationId === anaRegistration.id);
    if (!record) throw new Error("ana's events.registration.created is not on the topic");
    const duplicates = await inboxOutcomeCount(service.url, EVENTS_NOTIFIER_CONSUMER.consumer, 'duplicate');
    await wire.publish(record);
    await pollUntil(
      () => inboxOutcomeCount(service.url, EVENTS_NOTIFIER_CONSUMER.consumer, 'duplicate'),
      (n) => n === duplicates + 1,
      { timeoutMs: 30_000, description: 'the notifier saw the redelivered record as a duplicate' },
    );
    expect((await notifications({ personId: ana, eventId: workshop.id, kind: 'registration_confirmed' })).items).toHaveLength(1);

    const dataSource = service.app.get(DataSource);
    const total = async () => Number((await dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM event_notification'))[0].n);
    await pollUntil(
      () => wire.caughtUp(EVENTS_NOTIFIER_CONSUMER.consumer, EVENTS_NOTIFIER_CONSUMER.topics),
      (done) => done,
      { timeoutMs: 30_000, description: 'the notifier has read the whole topic' },
    );
    const before = await total();
    const mails = sink.messages.length;
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave.
    const result = await replayConsumer({
      consumer: EVENTS_NOTIFIER_CONSUMER.consumer,
      topics: EVENTS_NOTIFIER_CONSUMER.topics,
      dataSource,
      brokers: cluster.bootstrapServers,
      handlers: collectEventHandlers(service.app),
      reset: async () => undefined,
      kafka: { logLevel: logLevel.NOTHING },
      group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
      timeoutMs: 60_000,
    });
    expect(result.applied).toBeGreaterThan(10);
    expect(result.deadLettered).toBe(0);
    expect(await total()).toBe(before);
    const run = await deliver();
    expect(run.sent).toEqual([]);
    expect(sink.messages.length).toBe(mails);
  });

  it('shows operators what was sent in their own cities only, page by page; analysts and callers without a token get nothing', async () => {
    const oaklandEvent = await schedule({ title: 'Oakland principals circle', cityId: oakland, timeZone: 'America/Los_Angeles' });
    await register(oaklandEvent.id, fay);
    const [oaklandNotice] = await notified({ eventId: oaklandEvent.id });
    expect(oaklandNotice.cityId).toBe(oakland);

    const denverSeen = await notifications({ limit: '200' }, DENVER_OPERATOR);
    expect(denverSeen.items.length).toBeGreaterThan(10);
    expect(denverSeen.items.every((n) => n.cityId === denver)).toBe(true);
    expect((await notifications({ eventId: oaklandEvent.id }, OAKLAND_OPERATOR)).items.map((n) => n.id)).toEqual([oaklandNotice.id]);
    expect((await call('GET', `/v1/notifications/${oaklandNotice.id}`, DENVER_OPERATOR)).status).toBe(404);
    expect((await call('GET', `/v1/notifications?cityId=${oakland}`, DENVER_OPERATOR)).status).toBe(404);
    expect((await call('GET', '/v1/notifications', ANALYST)).status).toBe(403);
    expect((await call('GET', '/v1/notifications', null)).status).toBe(401);
    expect((await call('POST', '/v1/notifications/deliveries', DENVER_OPERATOR, {})).status).toBe(403);
    const bad = await call('GET', '/v1/notifications?status=lost', ADMIN);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);

    const first = await notifications({ personId: ana, limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await notifications({ personId: ana, limit: '2', cursor: first.nextCursor as string });
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((n) => n.id)).not.toContain(first.items[0].id);
  });
});

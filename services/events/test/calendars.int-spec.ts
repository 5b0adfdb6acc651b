// The events service's iCalendar feeds in-process on MariaDB and the dev Kafka cluster, read back with ical.js (a
// maintained RFC 5545 parser) the way a calendar app reads them: a city's feed and a person's, with a token and
// through secret subscription URLs, their city scope, revocation and the per-URL rate limit.
import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { newId } from '@crosswalk/persistence';
import { type EventWire, type RunningApp, TEST_JWT_SECRET, pollUntil, type ServiceUnderTest, startServiceUnderTest } from '@crosswalk/testing';
import { DataSource } from 'typeorm';
import { EVENTS_SERVICE } from '../src/events.definition';
import { NetworkEvent } from '../src/events/network-event.entity';
import { apiClient, cityCreated, daysFromNow, personCreated, schoolCreated, secondsFromNow } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const [denver, oakland] = [randomUUID(), randomUUID()];
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-${cities?.join('-') ?? 'all'}`, role, cities }, AUTH);
const ADMIN = token('network_admin');
const DENVER_OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);
const ANALYST = token('analyst');

const [strive, oakTech] = [randomUUID(), randomUUID()];
const [ana, ben, cruz] = [randomUUID(), randomUUID(), randomUUID()];
const CALENDAR = 'text/calendar; charset=utf-8';
const SUBSCRIPTION_URL = /^http:\/\/127\.0\.0\.1:\d+\/v1\/calendars\/subscriptions\/([A-Za-z0-9_-]{43})\.ics$/;
/** The service's allowance per subscription URL in this test: 3 at once, then one every 10 s. */
const FEED_BURST = 3;

interface EventView {
  id: string;
  startsAt: string;
  endsAt: string;
  status: string;
}
interface RegistrationView {
  id: string;
  status: string;
}
interface SubscriptionView {
  id: string;
  feed: 'city' | 'person';
  cityId: string | null;
  personId: string | null;
  cities: string[] | null;
  createdBy: string;
  createdAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
  url?: string;
}

/** One VEVENT as a calendar app reads it. */
interface FeedEntry {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  location: string | null;
  categories: string[];
  tzid: string | null;
  start: Date;
  end: Date;
  dtstamp: Date;
  lastModified: Date;
}

/** Parses a feed with ical.js, resolving each TZID against the feed's own VTIMEZONEs. */
function parseFeed(text: string): { name: string; zones: string[]; entries: Map<string, FeedEntry> } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const entries = new Map<string, FeedEntry>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate();
    const categories = vevent.getFirstProperty('categories');
    const tzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid');
    entries.set(event.uid, {
      uid: event.uid,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      description: event.description,
      location: event.location || null,
      categories: categories ? (categories.getValues() as string[]) : [],
      tzid: typeof tzid === 'string' ? tzid : null,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      dtstamp: time('dtstamp'),
      lastModified: time('last-modified'),
    });
  }
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    zones: calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid'))),
    entries,
  };
}

const uidOf = (eventId: string) => `${eventId}@events.crosswalk`;

// RFC 5545 3.8.8.2: a non-standard property's value is TEXT unless it says otherwise; ical.js leaves the ones it
// does not know unparsed (still escaped) unless told, as calendar apps are about X-WR-CALNAME.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

describe('calendar feeds', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;

  const { call, ok } = apiClient(() => service.url, ADMIN);
  const dataSource = () => service.app.get(DataSource);
  const count = async (table: string): Promise<number> => Number((await dataSource().query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  /** GET of a feed (by path or full URL), with a token or none, as text. */
  const fetchFeed = async (pathOrUrl: string, bearer: string | null = ADMIN, headers: Record<string, string> = {}) => {
    const response = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${service.url}${pathOrUrl}`, {
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  /** A feed that must answer 200 as text/calendar, parsed. */
  const feed = async (pathOrUrl: string, bearer: string | null = ADMIN) => {
    const answer = await fetchFeed(pathOrUrl, bearer);
    if (answer.status !== 200) throw new Error(`GET ${pathOrUrl}: ${answer.status} ${answer.text}`);
    expect(answer.headers.get('content-type')).toBe(CALENDAR);
    return { ...parseFeed(answer.text), text: answer.text };
  };
  const cityFeed = (cityId: string, bearer: string | null = ADMIN) => feed(`/v1/calendars/cities/${cityId}.ics`, bearer);
  const personFeed = (personId: string, bearer: string | null = ADMIN) => feed(`/v1/calendars/people/${personId}.ics`, bearer);

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
  const subscribe = (body: Record<string, unknown>, bearer: string = ADMIN) => ok<SubscriptionView>('POST', '/v1/calendars/subscriptions', body, bearer);

  /** A past event as an operator's backfill would leave it: scheduling refuses a start in the past. */
  const recordPastEvent = async (daysAgo: number): Promise<string> => {
    const startsAt = new Date(daysFromNow(-daysAgo));
    const id = newId();
    await dataSource()
      .getRepository(NetworkEvent)
      .insert({
        id,
        cityId: denver,
        kind: 'convening',
        title: `Convening ${daysAgo} days ago`,
        hostSchoolId: null,
        hostSector: null,
        venue: 'City Hall',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        timeZone: 'UTC',
        startsOn: startsAt.toISOString().slice(0, 10),
        capacity: null,
        waitlistOrdering: 'fifo',
        offerHours: 48,
        creditHours: 0,
        audience: 'mixed',
        format: 'in_person',
        status: 'completed',
        sequence: 0,
        cancelReason: null,
        cancelledAt: null,
        closedAt: new Date(startsAt.getTime() + 3_600_000),
        createdAt: startsAt,
      });
    return id;
  };

  beforeAll(async () => {
    underTest = await startServiceUnderTest(EVENTS_SERVICE, {
      database: 'events_calendars',
      env: {
        EVENTS_OFFER_EXPIRY_INTERVAL_SECONDS: '0',
        EVENTS_NOTIFICATION_INTERVAL_SECONDS: '0',
        EVENTS_CALENDAR_FEED_PER_MINUTE: '6',
        EVENTS_CALENDAR_FEED_BURST: String(FEED_BURST),
      },
      wire: { clientId: 'events-calendars-test' },
    });
    ({ service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      schoolCreated(strive, denver, 'STRIVE Prep Federal', 'charter'),
      schoolCreated(oakTech, oakland, 'Oakland Tech', 'district'),
      personCreated(ana, 'Ana Ruiz'),
      personCreated(ben, 'Ben Okafor'),
      personCreated(cruz, 'Cruz Medina'),
    );
    await pollUntil(
      () => Promise.all(['directory_copy_city', 'directory_copy_school', 'directory_copy_person'].map(count)),
      ([cities, schools, people]) => cities === 2 && schools === 2 && people === 3,
      { timeoutMs: 60_000, description: 'the local copy knows the cities, schools and people' },
    );
  });

  afterAll(() => underTest?.stop());

  describe("a city's feed", () => {
    let workshop: EventView;
    let townHall: EventView;
    let oaklandEvent: EventView;

    it('lists the city’s events with a stable UID, local times with their TZID and VTIMEZONE, and when each last changed', async () => {
      workshop = await schedule({ hostSchoolId: strive, venue: 'Room 204', topics: ['literacy', 'math'] });
      townHall = await schedule({ kind: 'town_hall', title: 'Spring town hall; all sectors', format: 'virtual', venue: undefined, audience: 'school_leaders' });
      oaklandEvent = await schedule({ cityId: oakland, hostSchoolId: oakTech, timeZone: 'America/Los_Angeles' });

      const denverFeed = await cityFeed(denver);
      expect(denverFeed.name).toBe('Denver, CO: professional development');
      expect([...denverFeed.entries.keys()].sort()).toEqual([uidOf(workshop.id), uidOf(townHall.id)].sort());
      expect(denverFeed.zones).toEqual(['America/Denver']);
      expect(denverFeed.entries.get(uidOf(workshop.id))).toMatchObject({
        sequence: 0,
        status: 'CONFIRMED',
        summary: 'Reading across the curriculum',
        description: 'Workshop for educators.',
        location: 'Room 204, STRIVE Prep Federal',
        categories: ['literacy', 'math'],
        tzid: 'America/Denver',
        start: new Date(workshop.startsAt),
        end: new Date(workshop.endsAt),
      });
      expect(denverFeed.entries.get(uidOf(townHall.id))).toMatchObject({
        summary: 'Spring town hall; all sectors',
        description: 'Town hall for school leaders (virtual).',
        location: null,
      });
      const entry = denverFeed.entries.get(uidOf(workshop.id));
      expect(entry?.lastModified).toEqual(entry?.dtstamp);
      // The feed carries no wall-clock "now": the same data gives the same bytes.
      expect((await cityFeed(denver)).text).toBe(denverFeed.text);

      expect((await cityFeed(oakland)).entries.get(uidOf(oaklandEvent.id))).toMatchObject({
        tzid: 'America/Los_Angeles',
        start: new Date(oaklandEvent.startsAt),
      });
    });

    it('keeps the UID and raises SEQUENCE on every reschedule, with the new times and the reschedule as LAST-MODIFIED', async () => {
      const firstMove = { startsAt: daysFromNow(31), endsAt: daysFromNow(31, 18) };
      const moved = await ok<{ reschedules: { recordedAt: string }[] }>('POST', `/v1/events/${workshop.id}/reschedule`, {
        ...firstMove,
        reason: 'Room double-booked',
      });
      const once = (await cityFeed(denver)).entries.get(uidOf(workshop.id));
      expect(once).toMatchObject({ uid: uidOf(workshop.id), sequence: 1, start: new Date(firstMove.startsAt), end: new Date(firstMove.endsAt) });
      // iCalendar times have whole seconds.
      expect(once?.lastModified).toEqual(new Date(Math.floor(Date.parse(moved.reschedules[0].recordedAt) / 1000) * 1000));

      // Into another zone: the UID is still the one subscribers already have.
      const secondMove = { startsAt: daysFromNow(32, 17), endsAt: daysFromNow(32, 20), timeZone: 'America/Chicago' };
      await ok('POST', `/v1/events/${workshop.id}/reschedule`, secondMove);
      const denverFeed = await cityFeed(denver);
      expect(denverFeed.entries.get(uidOf(workshop.id))).toMatchObject({ sequence: 2, tzid: 'America/Chicago', start: new Date(secondMove.startsAt) });
      expect(denverFeed.zones.sort()).toEqual(['America/Chicago', 'America/Denver']);
    });

    it('shows a cancelled event as STATUS:CANCELLED, says why, and raises its SEQUENCE once more', async () => {
      await ok('POST', `/v1/events/${townHall.id}/cancel`, { reason: 'Facilitator ill' });
      expect((await cityFeed(denver)).entries.get(uidOf(townHall.id))).toMatchObject({
        sequence: 1,
        status: 'CANCELLED',
        description: 'Cancelled: Facilitator ill\n\nTown hall for school leaders (virtual).',
      });
    });

    it('keeps events from a year back onwards: completed ones stay, older ones leave the feed', async () => {
      const elevenMonthsAgo = await recordPastEvent(330);
      const twoYearsAgo = await recordPastEvent(730);
      const entries = (await cityFeed(denver)).entries;
      expect(entries.get(uidOf(elevenMonthsAgo))).toMatchObject({ status: 'CONFIRMED', tzid: null });
      expect(entries.has(uidOf(twoYearsAgo))).toBe(false);
    });

    it('answers a city operator for its cities only, like an unknown city for the others (404), and 401 without a token', async () => {
      expect((await cityFeed(denver, DENVER_OPERATOR)).entries.has(uidOf(workshop.id))).toBe(true);
      expect((await cityFeed(denver, ANALYST)).entries.has(uidOf(workshop.id))).toBe(true);
      const other = await fetchFeed(`/v1/calendars/cities/${oakland}.ics`, DENVER_OPERATOR);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await fetchFeed(`/v1/calendars/cities/${randomUUID()}.ics`)).status).toBe(404);
      expect((await fetchFeed(`/v1/calendars/cities/${denver}.ics`, null)).status).toBe(401);
    });

    it('lets a calendar app ask again cheaply: the same feed answers 304 to its ETag', async () => {
      const first = await fetchFeed(`/v1/calendars/cities/${denver}.ics`);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      // Sending Cache-Control ourselves: fetch() would add `no-cache` to a conditional request, which asks the server for a full answer.
      const again = { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' };
      expect((await fetchFeed(`/v1/calendars/cities/${denver}.ics`, ADMIN, again)).status).toBe(304);
    });
  });

  describe("a person's feed", () => {
    const events: Record<string, EventView> = {};

    it('holds the events the person has a seat at, an offer for, or attended, and cancelled ones they had a seat at', async () => {
      events.seated = await schedule({ title: 'Seated' });
      events.full = await schedule({ title: 'Offered', capacity: 1 });
      events.waitlisted = await schedule({ title: 'Waitlisted', capacity: 1 });
      events.withdrawn = await schedule({ title: 'Withdrawn' });
      events.cancelled = await schedule({ title: 'Cancelled' });
      events.cancelledWhileWaiting = await schedule({ title: 'Cancelled while waiting', capacity: 1 });
      events.elsewhere = await schedule({ title: 'In Oakland', cityId: oakland, timeZone: 'America/Los_Angeles' });
      // Recorded after the fact (a backfill), so it closes at once instead of the test waiting for its end.
      events.attended = await schedule({ title: 'Attended', startsAt: secondsFromNow(-3600), endsAt: secondsFromNow(-1800), backfill: true });

      await register(events.seated.id, ana);
      const holder = await register(events.full.id, ben);
      expect((await register(events.full.id, ana)).status).toBe('waitlisted');
      await ok('POST', `/v1/registrations/${holder.id}/cancel`, {});
      await register(events.waitlisted.id, ben);
      expect((await register(events.waitlisted.id, ana)).status).toBe('waitlisted');
      const withdrawn = await register(events.withdrawn.id, ana);
      await ok('POST', `/v1/registrations/${withdrawn.id}/cancel`, {});
      await register(events.cancelled.id, ana);
      await ok('POST', `/v1/events/${events.cancelled.id}/cancel`, { reason: 'Venue flooded' });
      await register(events.cancelledWhileWaiting.id, ben);
      expect((await register(events.cancelledWhileWaiting.id, ana)).status).toBe('waitlisted');
      await ok('POST', `/v1/events/${events.cancelledWhileWaiting.id}/cancel`, { reason: 'Venue flooded' });
      await register(events.elsewhere.id, ana);
      await ok('POST', `/v1/events/${events.attended.id}/registrations`, { personId: ana, backfill: true });
      await ok('POST', `/v1/events/${events.attended.id}/attendance`, { personIds: [ana] });
      await ok('POST', `/v1/events/${events.attended.id}/close`, {});

      const anas = await personFeed(ana);
      expect(anas.name).toBe('Ana Ruiz: professional development');
      const byTitle = new Map([...anas.entries.values()].map((e) => [e.summary, e]));
      expect([...byTitle.keys()].sort()).toEqual(['Attended', 'Cancelled', 'In Oakland', 'Offered', 'Seated']);
      expect(byTitle.get('Cancelled')).toMatchObject({ uid: uidOf(events.cancelled.id), status: 'CANCELLED', sequence: 1 });
      expect(byTitle.get('Attended')).toMatchObject({ uid: uidOf(events.attended.id), status: 'CONFIRMED' });
      // The person's feed and the city's say the same about an event.
      expect(byTitle.get('Seated')).toEqual((await cityFeed(denver)).entries.get(uidOf(events.seated.id)));

      expect([...(await personFeed(cruz)).entries.keys()]).toEqual([]);
    });

    it('shows a city operator only the events of its cities, and answers 404 for an unknown person', async () => {
      const titles = [...(await personFeed(ana, DENVER_OPERATOR)).entries.values()].map((e) => e.summary).sort();
      expect(titles).toEqual(['Attended', 'Cancelled', 'Offered', 'Seated']);
      expect([...(await personFeed(ana, OAKLAND_OPERATOR)).entries.values()].map((e) => e.summary)).toEqual(['In Oakland']);
      expect((await fetchFeed(`/v1/calendars/people/${randomUUID()}.ics`)).status).toBe(404);
      expect((await fetchFeed(`/v1/calendars/people/${ana}.ics`, null)).status).toBe(401);
    });
  });

  describe('subscription URLs', () => {
    let citySubscription: SubscriptionView;

    it('makes a secret URL that serves the feed without a token, the same bytes as with one, and stores only its hash', async () => {
      citySubscription = await subscribe({ cityId: denver }, DENVER_OPERATOR);
      expect(citySubscription).toMatchObject({
        feed: 'city',
        cityId: denver,
        personId: null,
        cities: [denver],
        createdBy: 'city_operator-' + denver,
        revokedAt: null,
      });
      expect(new Date(citySubscription.createdAt).getTime()).not.toBeNaN();
      const [, secret] = SUBSCRIPTION_URL.exec(citySubscription.url ?? '') ?? [];
      expect(secret).toBeDefined();

      const subscribed = await feed(citySubscription.url ?? '', null);
      expect(subscribed.text).toBe((await cityFeed(denver)).text);

      const [row] = await dataSource().query<Record<string, unknown>[]>('SELECT * FROM event_calendar_subscription WHERE id = ?', [citySubscription.id]);
      expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(secret);
      // The URL is shown once: a listing cannot give it back.
      const listed = await ok<{ items: SubscriptionView[] }>('GET', `/v1/calendars/subscriptions?cityId=${denver}`, undefined, DENVER_OPERATOR);
      const { url, ...shown } = citySubscription;
      expect(url).toBeDefined();
      expect(listed.items).toEqual([shown]);
    });

    it('builds the URL on the address the caller reached the API at, as the gateway forwards it', async () => {
      const made = async (forwarded: Record<string, string>) => {
        const response = await fetch(`${service.url}/v1/calendars/subscriptions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...forwarded },
          body: JSON.stringify({ cityId: denver }),
        });
        expect(response.status).toBe(201);
        return ((await response.json()) as SubscriptionView).url ?? '';
      };
      expect(await made({ 'x-forwarded-host': 'crosswalk.example.org, 10.0.0.7:8080', 'x-forwarded-proto': 'https' })).toMatch(
        /^https:\/\/crosswalk\.example\.org\/v1\/calendars\/subscriptions\/[A-Za-z0-9_-]{43}\.ics$/,
      );
      expect(await made({ 'x-forwarded-host': 'evil.example/path?', 'x-forwarded-proto': 'gopher' })).toMatch(SUBSCRIPTION_URL);
    });

    it("serves a person's feed through the cities of whoever made the URL", async () => {
      const byOperator = await subscribe({ personId: ana }, DENVER_OPERATOR);
      const byAdmin = await subscribe({ personId: ana });
      expect(byOperator).toMatchObject({ feed: 'person', personId: ana, cityId: null, cities: [denver] });
      expect(byAdmin).toMatchObject({ feed: 'person', cities: null });
      const titles = async (url: string) => [...(await feed(url, null)).entries.values()].map((e) => e.summary).sort();
      expect(await titles(byOperator.url ?? '')).toEqual(['Attended', 'Cancelled', 'Offered', 'Seated']);
      expect(await titles(byAdmin.url ?? '')).toEqual(['Attended', 'Cancelled', 'In Oakland', 'Offered', 'Seated']);

      // A city operator lists and may revoke only what shows its cities alone.
      const asAdmin = await ok<{ items: SubscriptionView[] }>('GET', `/v1/calendars/subscriptions?personId=${ana}`);
      expect(asAdmin.items.map((s) => s.id).sort()).toEqual([byOperator.id, byAdmin.id].sort());
      const asOperator = await ok<{ items: SubscriptionView[] }>('GET', `/v1/calendars/subscriptions?personId=${ana}`, undefined, DENVER_OPERATOR);
      expect(asOperator.items.map((s) => s.id)).toEqual([byOperator.id]);
      const inOakland = await ok<{ items: SubscriptionView[] }>('GET', '/v1/calendars/subscriptions', undefined, OAKLAND_OPERATOR);
      expect(inOakland.items).toEqual([]);
      expect((await call('GET', `/v1/calendars/subscriptions?cityId=${oakland}`, DENVER_OPERATOR)).status).toBe(404);
      expect((await call('POST', `/v1/calendars/subscriptions/${byAdmin.id}/revoke`, DENVER_OPERATOR)).status).toBe(404);
    });

    it('refuses bad input with a 400 naming each field, another city with a 404, an analyst with a 403, and writes nothing', async () => {
      const before = await Promise.all(['event_calendar_subscription', 'event_calendar_subscription_city'].map(count));
      const fields = async (body: Record<string, unknown>) => {
        const answer = await call('POST', '/v1/calendars/subscriptions', ADMIN, body);
        expect(answer.status).toBe(400);
        return (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
      };
      expect(await fields({})).toEqual(['cityId', 'personId']);
      expect(await fields({ cityId: denver, personId: ana })).toEqual(['cityId', 'personId']);
      expect(await fields({ cityId: '' })).toEqual(['cityId']);
      expect(await fields({ cityId: randomUUID() })).toEqual(['cityId']);
      expect(await fields({ personId: randomUUID() })).toEqual(['personId']);
      expect((await call('POST', '/v1/calendars/subscriptions', DENVER_OPERATOR, { cityId: oakland })).status).toBe(404);
      expect((await call('POST', '/v1/calendars/subscriptions', ANALYST, { cityId: denver })).status).toBe(403);
      expect(await Promise.all(['event_calendar_subscription', 'event_calendar_subscription_city'].map(count))).toEqual(before);
    });

    it('answers 404 for a revoked URL, and for an unknown or malformed secret', async () => {
      expect((await call('POST', `/v1/calendars/subscriptions/${citySubscription.id}/revoke`, OAKLAND_OPERATOR)).status).toBe(404);
      const revoked = await ok<SubscriptionView>('POST', `/v1/calendars/subscriptions/${citySubscription.id}/revoke`, undefined, DENVER_OPERATOR);
      expect(revoked).toMatchObject({ id: citySubscription.id, revokedBy: 'city_operator-' + denver });
      expect(new Date(revoked.revokedAt ?? '').getTime()).not.toBeNaN();
      const gone = await fetchFeed(citySubscription.url ?? '', null);
      expect(gone.status).toBe(404);
      expect(gone.text).not.toContain('BEGIN:VCALENDAR');
      // Revoking again changes nothing.
      expect(await ok('POST', `/v1/calendars/subscriptions/${citySubscription.id}/revoke`)).toEqual(revoked);
      expect((await call('POST', `/v1/calendars/subscriptions/${randomUUID()}/revoke`, ADMIN)).status).toBe(404);

      expect((await fetchFeed(`/v1/calendars/subscriptions/${randomBytes(32).toString('base64url')}.ics`, null)).status).toBe(404);
      expect((await fetchFeed('/v1/calendars/subscriptions/not-a-secret.ics', null)).status).toBe(404);
    });

    it('limits each URL: past its allowance a 429 with Retry-After, while other URLs still answer', async () => {
      const busy = await subscribe({ cityId: denver });
      const quiet = await subscribe({ cityId: denver });
      for (let i = 0; i < FEED_BURST; i++) expect((await fetchFeed(busy.url ?? '', null)).status).toBe(200);
      const refused = await fetchFeed(busy.url ?? '', null);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'rate_limited', status: 429 });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect((await fetchFeed(quiet.url ?? '', null)).status).toBe(200);
    });
  });
});

import {
  type CalendarEvent,
  CRLF,
  escapeText,
  eventUid,
  foldLine,
  formatLocal,
  formatOffset,
  formatUtc,
  icalendar,
  observances,
  veventLines,
} from './icalendar.rules';

const at = (iso: string) => new Date(iso);
const options = { uidDomain: 'events.crosswalk.example' };

const workshop: CalendarEvent = {
  eventId: 'evt_1',
  title: 'Reading across the curriculum',
  description: null,
  location: null,
  // 2026-03-14 is after the switch to daylight time on 2026-03-08: Denver is UTC-6.
  startsAt: at('2026-03-14T16:00:00Z'),
  endsAt: at('2026-03-14T19:00:00Z'),
  timeZone: 'America/Denver',
  status: 'scheduled',
  sequence: 0,
  lastModifiedAt: at('2026-03-01T12:00:00Z'),
  topics: [],
};

/** Undoes the folding (RFC 5545 3.1: a CRLF followed by one space or tab is removed). */
function unfold(text: string): string[] {
  expect(text.endsWith(CRLF)).toBe(true);
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(CRLF)
    .slice(0, -1);
}

/** The values of a property in unfolded lines, with its parameters, e.g. `DTSTART;TZID=America/Denver`. */
function values(lines: readonly string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`)).map((l) => l.slice(name.length));
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma, backslash first', () => {
    expect(escapeText('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });

  it('writes every kind of newline as \\n', () => {
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('drops control characters other than tab', () => {
    expect(escapeText('bell\u0007 tab\t del\u007F')).toBe('bell tab\t del');
  });

  it('leaves colons and quotes alone (they need no escape in TEXT)', () => {
    expect(escapeText('Session 2: "Data" talks')).toBe('Session 2: "Data" talks');
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets whole, folds one of 76', () => {
    const line75 = `SUMMARY:${'x'.repeat(67)}`;
    expect(utf8(line75).length).toBe(75);
    expect(foldLine(line75)).toBe(line75);
    const line76 = `${line75}y`;
    expect(foldLine(line76)).toBe(`${line75}${CRLF} y`);
  });

  it('keeps every physical line within 75 octets, the leading space included, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(30)}`;
    const folded = foldLine(line);
    const physical = folded.split(CRLF);
    expect(physical.length).toBe(5);
    for (const p of physical) expect(utf8(p).length).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(utf8(physical[1]).length).toBe(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('counts octets, not characters, and never splits a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(40)}${'😀'.repeat(20)}Ünïcödé`;
    const physical = foldLine(line).split(CRLF);
    expect(physical.length).toBeGreaterThan(2);
    for (const p of physical) {
      const bytes = utf8(p);
      expect(bytes.length).toBeLessThanOrEqual(75);
      // A split sequence would not survive a strict decode of the physical line on its own.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(p);
    }
    expect(physical.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
});

describe('times', () => {
  it('writes UTC instants to the second with Z', () => {
    expect(formatUtc(at('2026-03-14T16:00:00.999Z'))).toBe('20260314T160000Z');
  });

  it('writes local times in the zone, following daylight saving time', () => {
    expect(formatLocal(at('2026-03-14T16:00:00Z'), 'America/Denver')).toBe('20260314T100000');
    expect(formatLocal(at('2026-01-10T16:00:00Z'), 'America/Denver')).toBe('20260110T090000');
    expect(formatLocal(at('2026-03-14T18:30:00Z'), 'Asia/Kolkata')).toBe('20260315T000000');
  });

  it('writes offsets as +/-HHMM, zero as +0000', () => {
    expect([-420, -360, 330, 0, -210, 765].map(formatOffset)).toEqual(['-0700', '-0600', '+0530', '+0000', '-0330', '+1245']);
  });
});

describe('VEVENT', () => {
  it('has a UID that depends on the event id only, so it survives a reschedule', () => {
    const before = veventLines(workshop, options);
    const after = veventLines({ ...workshop, startsAt: at('2026-03-21T16:00:00Z'), endsAt: at('2026-03-21T19:00:00Z'), sequence: 1 }, options);
    expect(values(before, 'UID')).toEqual([':evt_1@events.crosswalk.example']);
    expect(values(after, 'UID')).toEqual(values(before, 'UID'));
    expect(eventUid('evt_1', 'events.crosswalk.example')).toBe('evt_1@events.crosswalk.example');
  });

  it('raises SEQUENCE with the reschedule count', () => {
    expect(values(veventLines(workshop, options), 'SEQUENCE')).toEqual([':0']);
    expect(values(veventLines({ ...workshop, sequence: 3 }, options), 'SEQUENCE')).toEqual([':3']);
  });

  it('says STATUS:CANCELLED for a cancelled event and CONFIRMED otherwise', () => {
    expect(values(veventLines({ ...workshop, status: 'cancelled' }, options), 'STATUS')).toEqual([':CANCELLED']);
    expect(values(veventLines(workshop, options), 'STATUS')).toEqual([':CONFIRMED']);
    expect(values(veventLines({ ...workshop, status: 'completed' }, options), 'STATUS')).toEqual([':CONFIRMED']);
  });

  it('writes start and end with TZID in local time, or in UTC when asked or when the zone is UTC', () => {
    const zoned = veventLines(workshop, options);
    expect(values(zoned, 'DTSTART')).toEqual([';TZID=America/Denver:20260314T100000']);
    expect(values(zoned, 'DTEND')).toEqual([';TZID=America/Denver:20260314T130000']);
    const utc = veventLines(workshop, { ...options, times: 'utc' });
    expect(values(utc, 'DTSTART')).toEqual([':20260314T160000Z']);
    expect(values(utc, 'DTEND')).toEqual([':20260314T190000Z']);
    expect(values(veventLines({ ...workshop, timeZone: 'Etc/UTC' }, options), 'DTSTART')).toEqual([':20260314T160000Z']);
  });

  it('stamps DTSTAMP and LAST-MODIFIED from the last change, so the feed is the same until the event changes', () => {
    expect(values(veventLines(workshop, options), 'DTSTAMP')).toEqual([':20260301T120000Z']);
    expect(values(veventLines(workshop, options), 'LAST-MODIFIED')).toEqual([':20260301T120000Z']);
  });

  it('escapes summary, location, description and each category', () => {
    const lines = veventLines(
      { ...workshop, title: 'Math; grades 3,4', location: 'Room 2, Main St. \\ annex', description: 'Bring:\nlaptop', topics: ['math', 'k-5, early'] },
      options,
    );
    expect(values(lines, 'SUMMARY')).toEqual([':Math\\; grades 3\\,4']);
    expect(values(lines, 'LOCATION')).toEqual([':Room 2\\, Main St. \\\\ annex']);
    expect(values(lines, 'DESCRIPTION')).toEqual([':Bring:\\nlaptop']);
    expect(values(lines, 'CATEGORIES')).toEqual([':math,k-5\\, early']);
  });

  it('leaves out empty optional properties', () => {
    const lines = veventLines(workshop, options);
    for (const name of ['LOCATION', 'DESCRIPTION', 'CATEGORIES']) expect(values(lines, name)).toEqual([]);
  });
});

describe('observances (VTIMEZONE)', () => {
  it('gives the daylight-time change in force for a summer event', () => {
    expect(observances('America/Denver', [workshop.startsAt, workshop.endsAt])).toEqual([
      { kind: 'DAYLIGHT', onset: '20260308T020000', offsetFrom: -420, offsetTo: -360 },
    ]);
  });

  it('gives the standard-time change in force for a winter event', () => {
    expect(observances('America/Denver', [at('2026-01-10T16:00:00Z')])).toEqual([
      { kind: 'STANDARD', onset: '20251102T020000', offsetFrom: -360, offsetTo: -420 },
    ]);
  });

  it('adds every change between the earliest and latest times, an overnight event across the change included', () => {
    // 2026-11-01 00:00 MDT to 03:00 MST: clocks fall back from 02:00 MDT to 01:00 MST at 08:00Z.
    expect(observances('America/Denver', [at('2026-11-01T06:00:00Z'), at('2026-11-01T10:00:00Z')])).toEqual([
      { kind: 'DAYLIGHT', onset: '20260308T020000', offsetFrom: -420, offsetTo: -360 },
      { kind: 'STANDARD', onset: '20261101T020000', offsetFrom: -360, offsetTo: -420 },
    ]);
  });

  it('classifies southern-hemisphere summer time as daylight time', () => {
    const [sydney] = observances('Australia/Sydney', [at('2026-01-15T00:00:00Z')]);
    expect(sydney).toEqual({ kind: 'DAYLIGHT', onset: '20251005T020000', offsetFrom: 600, offsetTo: 660 });
  });

  it('gives one fixed observance for a zone without daylight saving time', () => {
    expect(observances('Asia/Tokyo', [at('2026-03-14T01:00:00Z')])).toEqual([{ kind: 'STANDARD', onset: '19700101T000000', offsetFrom: 540, offsetTo: 540 }]);
    expect(observances('Asia/Kolkata', [at('2026-03-14T01:00:00Z')])).toEqual([{ kind: 'STANDARD', onset: '19700101T000000', offsetFrom: 330, offsetTo: 330 }]);
  });
});

describe('icalendar', () => {
  const winter: CalendarEvent = {
    ...workshop,
    eventId: 'evt_0',
    title: 'Town hall',
    startsAt: at('2026-01-10T16:00:00Z'),
    endsAt: at('2026-01-10T18:00:00Z'),
  };
  const tokyo: CalendarEvent = {
    ...workshop,
    eventId: 'evt_2',
    timeZone: 'Asia/Tokyo',
    startsAt: at('2026-04-01T01:00:00Z'),
    endsAt: at('2026-04-01T02:00:00Z'),
  };
  const feed = icalendar([tokyo, workshop, winter], { ...options, name: 'Denver, CO: PD' });
  const lines = unfold(feed);

  it('ends every line with CRLF and has no bare LF or CR', () => {
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const physical of feed.split(CRLF)) expect(utf8(physical).length).toBeLessThanOrEqual(75);
  });

  it('is a VCALENDAR 2.0 with a product id and a name, and no METHOD (a feed, not a scheduling message)', () => {
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Crosswalk//Events//EN',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:Denver\\, CO: PD',
    ]);
    expect(values(lines, 'METHOD')).toEqual([]);
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
  });

  it('has one VTIMEZONE per zone used, before the events, covering all their times', () => {
    expect(values(lines, 'TZID')).toEqual([':America/Denver', ':Asia/Tokyo']);
    const denver = lines.slice(lines.indexOf('TZID:America/Denver'), lines.indexOf('TZID:Asia/Tokyo'));
    expect(values(denver, 'DTSTART')).toEqual([':20251102T020000', ':20260308T020000']);
    expect(lines.lastIndexOf('END:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  it('lists events by start time', () => {
    expect(values(lines, 'UID')).toEqual([':evt_0@events.crosswalk.example', ':evt_1@events.crosswalk.example', ':evt_2@events.crosswalk.example']);
  });

  it('balances every BEGIN with its END', () => {
    const stack: string[] = [];
    for (const line of lines) {
      if (line.startsWith('BEGIN:')) stack.push(line.slice(6));
      if (line.startsWith('END:')) expect(stack.pop()).toBe(line.slice(4));
    }
    expect(stack).toEqual([]);
  });

  it('has no VTIMEZONE when every time is written in UTC', () => {
    expect(unfold(icalendar([workshop, tokyo], { ...options, times: 'utc' }))).not.toContain('BEGIN:VTIMEZONE');
  });

  it('gives the same bytes for the same events, whatever their order', () => {
    expect(icalendar([winter, tokyo, workshop], { ...options, name: 'Denver, CO: PD' })).toBe(feed);
  });

  it('folds long lines and keeps their content', () => {
    const long = { ...workshop, description: 'Bring student work samples; we will look at them together, grade by grade. '.repeat(4) };
    const text = icalendar([long], options);
    expect(text).toContain(`${CRLF} `);
    expect(values(unfold(text), 'DESCRIPTION')).toEqual([`:${escapeText(long.description)}`]);
  });

  it('is an empty calendar without events', () => {
    expect(unfold(icalendar([], options))).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Crosswalk//Events//EN',
      'CALSCALE:GREGORIAN',
      'END:VCALENDAR',
    ]);
  });

  it('tells subscribers how often to fetch it again when asked', () => {
    const refreshed = unfold(icalendar([], { ...options, refreshInterval: 'PT1H' }));
    expect(values(refreshed, 'REFRESH-INTERVAL')).toEqual([';VALUE=DURATION:PT1H']);
    expect(values(refreshed, 'X-PUBLISHED-TTL')).toEqual([':PT1H']);
    expect(values(lines, 'REFRESH-INTERVAL')).toEqual([]);
  });
});

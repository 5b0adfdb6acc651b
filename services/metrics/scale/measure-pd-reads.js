// How fast the professional-development metrics read at 100 times the demo network: seeds the metrics
// service's own projection tables on MariaDB with about 12,000 events and 1,000,000 registrations (three years,
// 15 cities, 100,000 people, 3,000 schools), then times the service's readers (`ProgramMetrics`, the code behind
// the routes, without HTTP) and prints EXPLAIN for the SQL they send. A measurement, not a test: nothing here
// passes or fails. docs/metrics.md has the figures of a run.
//
//   npm run build && node -r ./tools/runtime/paths.js services/metrics/scale/measure-pd-reads.js
//
// MariaDB at 127.0.0.1:3306 as root without a password (or SCALE_DATABASE_URL). The database
// `crosswalk_metrics_scale` is seeded once and reused; `--reseed` drops and seeds it again.
'use strict';
require('reflect-metadata');
const path = require('node:path');
const { loadavg } = require('node:os');
const { performance } = require('node:perf_hooks');
const { createConnection } = require('mysql2/promise');
const { openServiceDatabase } = require('@crosswalk/persistence');
const { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } = require('@crosswalk/messaging');

const dist = path.resolve(__dirname, '../../../dist/services/metrics');
const { METRICS_ENTITIES } = require(`${dist}/src/app.module`);
const { METRICS_MIGRATIONS } = require(`${dist}/migrations`);
const { ProgramMetrics } = require(`${dist}/src/programs/programs.service`);
const { fillReachedMonthRows, fillReachedMonthCounts } = require(`${dist}/migrations/1797300000000-reached-month-days`);

const DATABASE = 'crosswalk_metrics_scale';
const SERVER_URL = process.env.SCALE_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const CITIES = 15;
const SCHOOLS_PER_CITY = 200;
const PEOPLE = 100_000;
const EVENTS = 12_000;
const REGISTRATIONS = 1_000_000;
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 3 * 365;
const SECTORS = ['district', 'district', 'district', 'district', 'district', 'charter', 'charter', 'charter', 'catholic', 'independent', 'faith_based'];
const RUNS = 40;

/** A seeded generator (mulberry32), so every seeding gives the same network. */
function random(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');
const cityId = (c) => `city-${pad(c, 2)}`;
const dayOf = (offset) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);

async function insert(connection, table, columns, rows) {
  for (let i = 0; i < rows.length; i += 5000) {
    await connection.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + 5000)]);
  }
}

/** A buffer of rows for one table, written in batches as it fills. */
function sink(connection, table, columns) {
  let rows = [];
  let written = 0;
  return {
    async push(row) {
      rows.push(row);
      if (rows.length >= 5000) await this.flush();
    },
    async flush() {
      if (rows.length > 0) await insert(connection, table, columns, rows);
      written += rows.length;
      rows = [];
    },
    get written() {
      return written;
    },
  };
}

async function seed(connection) {
  const next = random(20260101);
  const pick = (items) => items[Math.floor(next() * items.length)];
  await insert(
    connection,
    'known_city',
    ['id', 'name', 'state', 'joinedAt'],
    Array.from({ length: CITIES }, (_, c) => [cityId(c), `City ${c}`, 'CO', new Date(FIRST_DAY)]),
  );

  // Schools: a sector each; 2% closed during the three years.
  const schools = [];
  for (let c = 0; c < CITIES; c += 1) {
    for (let s = 0; s < SCHOOLS_PER_CITY; s += 1) schools.push({ schoolId: `school-${pad(c, 2)}-${pad(s, 3)}`, cityId: cityId(c), sector: pick(SECTORS) });
  }
  await insert(
    connection,
    'metrics_known_school',
    ['schoolId', 'cityId'],
    schools.map((s) => [s.schoolId, s.cityId]),
  );
  await insert(
    connection,
    'metrics_school_closure',
    ['schoolId', 'cityId', 'closedOn'],
    schools.filter(() => next() < 0.02).map((s) => [s.schoolId, s.cityId, dayOf(Math.floor(next() * DAYS))]),
  );

  // People: a home city and a school in it, early adopters' schools sending far more people (rank^-0.8);
  // 8% with no school; 4% principals, 1% chiefs.
  const weights = Array.from({ length: SCHOOLS_PER_CITY }, (_, rank) => 1 / (rank + 1) ** 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const schoolRank = () => {
    let r = next() * totalWeight;
    for (let rank = 0; rank < weights.length; rank += 1) {
      r -= weights[rank];
      if (r <= 0) return rank;
    }
    return weights.length - 1;
  };
  const people = Array.from({ length: PEOPLE }, (_, i) => {
    const c = i % CITIES;
    const school = next() < 0.08 ? null : schools[c * SCHOOLS_PER_CITY + schoolRank()];
    const roll = next();
    return { personId: `person-${pad(i, 6)}`, c, school, role: school === null ? (roll < 0.2 ? 'chief' : 'teacher') : roll < 0.04 ? 'principal' : 'teacher' };
  });
  const peopleOf = Array.from({ length: CITIES }, (_, c) => people.filter((p) => p.c === c));

  // Integer keys as the service gives them: cities, then people, then schools.
  const keys = new Map();
  const subjects = [];
  const keyOf = (kind, externalId) => {
    const name = `${kind}:${externalId}`;
    if (!keys.has(name)) {
      subjects.push([subjects.length + 1, kind, externalId]);
      keys.set(name, subjects.length);
    }
    return keys.get(name);
  };
  for (let c = 0; c < CITIES; c += 1) keyOf('city', cityId(c));
  for (const person of people) keyOf('person', person.personId);
  for (const s of schools) keyOf('school', s.schoolId);
  await insert(connection, 'metrics_pd_subject', ['subjectKey', 'kind', 'externalId'], subjects);
  // Each subject's first attendance in a city and its number of attendances, as the handlers keep them.
  const firsts = new Map();
  const reach = (cityKey, kind, subjectKey, day) => {
    const name = `${cityKey}/${kind}/${subjectKey}`;
    const first = firsts.get(name);
    if (!first) firsts.set(name, [cityKey, kind, subjectKey, day, 1]);
    else {
      if (day < first[3]) first[3] = day;
      first[4] += 1;
    }
  };

  const events = sink(connection, 'metrics_pd_event', [
    'eventId',
    'cityId',
    'seriesId',
    'title',
    'hostSchoolId',
    'hostSector',
    'startsOn',
    'status',
    'registrations',
    'attendances',
    'responses',
    'usefulnessTotal',
    'promoters',
    'detractors',
  ]);
  const mix = sink(connection, 'metrics_pd_sector_attendance', ['eventId', 'attendeeSector', 'attendances']);
  const registrations = sink(connection, 'metrics_pd_registration', ['registrationId', 'eventId', 'status']);
  const participation = sink(connection, 'metrics_pd_participation', [
    'registrationId',
    'eventId',
    'cityKey',
    'personKey',
    'startsOn',
    'schoolKey',
    'leaderKey',
  ]);
  const surveys = sink(connection, 'metrics_pd_survey_response', ['responseId', 'eventId', 'revision', 'usefulness', 'recommend']);
  const series = [];

  const perEvent = REGISTRATIONS / EVENTS;
  let registrationNumber = 0;
  for (let e = 0; e < EVENTS; e += 1) {
    const c = e % CITIES;
    const eventId = `event-${pad(e, 5)}`;
    // Every fifth block of three events in a city is a three-session series, a week apart.
    const block = Math.floor(e / CITIES / 3);
    const seriesId = block % 5 === 0 ? `series-${pad(c, 2)}-${pad(block, 4)}` : null;
    const offset = Math.floor((Math.floor(e / CITIES) / (EVENTS / CITIES)) * (DAYS - 30)) + (seriesId ? (Math.floor(e / CITIES) % 3) * 7 : 0);
    const host = next() < 0.8 ? schools[c * SCHOOLS_PER_CITY + schoolRank()] : null;
    const cancelled = next() < 0.02;
    const size = Math.max(5, Math.round(perEvent * (0.5 + next())));
    const totals = { registrations: 0, attendances: 0, responses: 0, usefulnessTotal: 0, promoters: 0, detractors: 0 };
    const sectors = new Map();
    const seen = new Set();
    for (let r = 0; r < size; r += 1) {
      const person = next() < 0.9 ? pick(peopleOf[c]) : pick(people);
      if (seen.has(person.personId)) continue;
      seen.add(person.personId);
      registrationNumber += 1;
      const registrationId = `registration-${pad(registrationNumber, 7)}`;
      const roll = next();
      const status = cancelled
        ? 'cancelled'
        : roll < 0.8
          ? 'attended'
          : roll < 0.9
            ? 'no_show'
            : roll < 0.95
              ? 'cancelled'
              : roll < 0.98
                ? 'waitlisted'
                : 'expired';
      await registrations.push([registrationId, eventId, status]);
      if (['attended', 'no_show', 'waitlisted'].includes(status)) totals.registrations += 1;
      if (status !== 'attended') continue;
      totals.attendances += 1;
      const sector = person.school?.sector ?? 'none';
      sectors.set(sector, (sectors.get(sector) ?? 0) + 1);
      const cityKey = keyOf('city', cityId(c));
      const personKey = keyOf('person', person.personId);
      const schoolKey = person.school && person.school.schoolId !== host?.schoolId ? keyOf('school', person.school.schoolId) : null;
      const leaderKey = person.role === 'principal' || person.role === 'chief' ? personKey : null;
      await participation.push([registrationId, eventId, cityKey, personKey, dayOf(offset), schoolKey, leaderKey]);
      reach(cityKey, 'person', personKey, dayOf(offset));
      if (schoolKey !== null) reach(cityKey, 'school', schoolKey, dayOf(offset));
      if (leaderKey !== null) reach(cityKey, 'leader', leaderKey, dayOf(offset));
      if (next() < 0.4) {
        const usefulness = 1 + Math.floor(next() * 5);
        const recommend = Math.floor(next() * 11);
        totals.responses += 1;
        totals.usefulnessTotal += usefulness;
        totals.promoters += recommend >= 9 ? 1 : 0;
        totals.detractors += recommend <= 6 ? 1 : 0;
        await surveys.push([`response-${pad(registrationNumber, 7)}`, eventId, 1, usefulness, recommend]);
      }
    }
    await events.push([
      eventId,
      cityId(c),
      seriesId,
      `Event ${e}`,
      host?.schoolId ?? null,
      host?.sector ?? null,
      dayOf(offset),
      cancelled ? 'cancelled' : 'completed',
      totals.registrations,
      totals.attendances,
      totals.responses,
      totals.usefulnessTotal,
      totals.promoters,
      totals.detractors,
    ]);
    for (const [sector, n] of sectors) await mix.push([eventId, sector, n]);
    if (seriesId && Math.floor(e / CITIES) % 3 === 0) {
      const participants = Math.round(perEvent * 0.9);
      series.push([
        seriesId,
        cityId(c),
        `Series ${seriesId}`,
        3,
        2,
        new Date(FIRST_DAY + (offset + 15) * 86_400_000),
        participants,
        Math.round(participants * 0.7),
        participants * 7.5,
      ]);
    }
  }
  for (const table of [events, mix, registrations, participation, surveys]) await table.flush();
  await insert(
    connection,
    'metrics_pd_series',
    ['seriesId', 'cityId', 'title', 'sessions', 'requiredSessions', 'completedAt', 'participants', 'completed', 'creditHours'],
    series,
  );
  await insert(connection, 'metrics_pd_first_attendance', ['cityKey', 'subjectKind', 'subjectKey', 'firstOn', 'attendances'], [...firsts.values()]);
  await connection.query(
    'ANALYZE TABLE metrics_pd_event, metrics_pd_participation, metrics_pd_first_attendance, metrics_pd_subject, metrics_pd_sector_attendance, metrics_known_school',
  );
  return {
    firstAttendances: firsts.size,
    registrations: registrations.written,
    attendances: participation.written,
    events: events.written,
    responses: surveys.written,
    series: series.length,
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const server = await createConnection(`${SERVER_URL}/`);
  if (process.argv.includes('--reseed')) await server.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await server.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
  await server.end();

  const dataSource = await openServiceDatabase({
    service: 'metrics',
    databaseUrl: `${SERVER_URL}/${DATABASE}`,
    entities: [...MESSAGING_ENTITIES, ...METRICS_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS],
  });
  const connection = await createConnection({ uri: `${SERVER_URL}/${DATABASE}`, dateStrings: ['DATE'] });
  try {
    const [[{ n }]] = await connection.query('SELECT COUNT(*) AS n FROM metrics_pd_event');
    if (Number(n) === 0) {
      const started = performance.now();
      const seeded = await seed(connection);
      console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s:`, seeded);
    }
    // The monthly reach rows, as the migration fills them from participation rows written before it (here: the
    // seed, which writes the participation rows directly after the migrations ran on empty tables).
    const [[{ months }]] = await connection.query('SELECT COUNT(*) AS months FROM metrics_pd_reached_month');
    if (Number(months) === 0) {
      const started = performance.now();
      const queryRunner = dataSource.createQueryRunner();
      try {
        await fillReachedMonthRows(queryRunner);
        const [[{ counts }]] = await connection.query('SELECT COUNT(*) AS counts FROM metrics_pd_reached_month_count');
        if (Number(counts) === 0) await fillReachedMonthCounts(queryRunner);
      } finally {
        await queryRunner.release();
      }
      await connection.query('ANALYZE TABLE metrics_pd_reached_month, metrics_pd_reached_month_count');
      console.log(`monthly reach filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const [sizes] = await connection.query(
      `SELECT table_name AS tableName, table_rows AS approxRows, ROUND(data_length / 1048576) AS dataMb, ROUND(index_length / 1048576) AS indexMb
         FROM information_schema.tables WHERE table_schema = ? AND table_name LIKE 'metrics_pd_%' ORDER BY table_name`,
      [DATABASE],
    );
    console.table(sizes);

    // Every SQL statement the readers send, to EXPLAIN them afterwards.
    const sent = [];
    const logger = dataSource.logger;
    dataSource.logger = { ...logger, logQuery: (query, parameters) => sent.push({ query, parameters: parameters ?? [] }) };

    const metrics = new ProgramMetrics(dataSource);
    const admin = { subject: 'scale', role: 'network_admin', cities: [] };
    const year = { from: '2025-01-01', to: '2025-12-31' };
    // Days that are not whole months: the monthly rows answer the months inside, the participation index the edges.
    const midMonths = { from: '2025-01-15', to: '2025-12-10' };
    const oneCity = [cityId(3)];
    const twoCities = [cityId(3), cityId(4)];
    const reads = [
      ['network, all cities, all time', () => metrics.network(undefined, {})],
      ['network, all cities, 2025', () => metrics.network(undefined, year)],
      ['network, all cities, 2025-01-15..2025-12-10', () => metrics.network(undefined, midMonths)],
      ['network, all cities, up to 2025-06-30', () => metrics.network(undefined, { to: '2025-06-30' })],
      ['network, one city, 2025', () => metrics.network(oneCity, year)],
      ['network, two cities, 2025', () => metrics.network(twoCities, year)],
      ['satisfaction per city, all cities, 2025', () => metrics.satisfaction(admin, undefined, year, { by: 'city' })],
      ['satisfaction per event, one city, 2025', () => metrics.satisfaction(admin, oneCity, year, { by: 'event' })],
      ['satisfaction per series, all cities, all time', () => metrics.satisfaction(admin, undefined, {}, { by: 'series' })],
      ['reach, all cities, all time', () => metrics.reach(undefined, {})],
      ['reach, all cities, 2025', () => metrics.reach(undefined, year)],
      ['reach, all cities, 2025-01-15..2025-12-10', () => metrics.reach(undefined, midMonths)],
      ['reach, one city, 2025', () => metrics.reach(oneCity, year)],
      ['cross-sector, all cities, 2025', () => metrics.crossSector(undefined, year)],
      ['series, all cities', () => metrics.series(undefined)],
    ];
    const timings = [];
    const explained = new Map();
    const load = () =>
      loadavg()
        .map((n) => n.toFixed(2))
        .join(', ');
    console.log(`\nload average before the reads (1, 5, 15 min): ${load()}`);
    for (const [name, read] of reads) {
      sent.length = 0;
      await read(); // warm-up, and the statements to explain
      explained.set(name, [...sent]);
      const ms = [];
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await read();
        ms.push(performance.now() - started);
      }
      ms.sort((a, b) => a - b);
      timings.push({ read: name, p50: percentile(ms, 50).toFixed(1), p99: percentile(ms, 99).toFixed(1), max: ms[ms.length - 1].toFixed(1) });
    }
    console.log(`\nReader latency in ms (${RUNS} sequential runs each, after one warm-up); load average after: ${load()}`);
    console.table(timings);

    for (const name of ['network, all cities, 2025', 'network, all cities, 2025-01-15..2025-12-10', 'reach, all cities, 2025']) {
      console.log(`\nEXPLAIN: ${name}`);
      for (const { query, parameters } of explained.get(name)) {
        if (!/^\s*SELECT/i.test(query) || !/metrics_pd_participation|metrics_pd_first_attendance|metrics_pd_event|metrics_pd_reached_month/.test(query))
          continue;
        const [plan] = await connection.query(`EXPLAIN ${query}`, parameters);
        console.log(query.replace(/\s+/g, ' ').slice(0, 220));
        console.table(plan.map((row) => ({ table: row.table, type: row.type, key: row.key, rows: row.rows, extra: row.Extra })));
      }
    }
  } finally {
    await connection.end();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

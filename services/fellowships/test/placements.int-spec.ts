// Placements and retention in-process on MariaDB and the dev Kafka cluster. The test plays the schools service:
// the placed fellows' appointments, departures, corrections and a closure arrive as directory events, and the
// service must confirm, end and answer retention from those tenure events alone, recording the checkpoints once
// (by the operator route the scheduled job shares, with a chosen day, from two instances at once) and revising a
// recorded answer when a correction changes it. Days are relative to today, so the answers never age.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { FELLOWSHIPS_TOPIC, addDays, calendarDateToday, dayBefore } from '@crosswalk/contracts';
import {
  type EventWire,
  type RunningApp,
  type ServiceUnderTest,
  cityCreated,
  inboxOutcomeCount,
  leadershipTransition,
  organizationCreated,
  personCreated,
  pollUntil,
  schoolClosed,
  schoolCreated,
  startServiceApp,
  startServiceUnderTest,
} from '@crosswalk/testing';
import { collectEventHandlers, replayConsumer } from '@crosswalk/messaging';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FELLOWSHIPS_CONSUMER } from '../src/consumers';
import { FELLOWSHIPS_SERVICE } from '../src/fellowships.definition';
import { addYears } from '../src/placements/placement.rules';
import { client, fieldsOf, token } from './support';

jest.setTimeout(240_000);

const denver = randomUUID();
const oakland = randomUUID();
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);

/** The program's operator, as the directory told of it. */
const operator = randomUUID();
const [origin, host, d1, d2, d3, closing, closedAlready, oaklandSchool] = Array.from({ length: 8 }, () => randomUUID());
const [mentor, hostPrincipal, p1, p2, p3, pc, successor] = Array.from({ length: 7 }, () => randomUUID());
const residents = Array.from({ length: 5 }, () => randomUUID());
/** Residents placed, unconfirmed, only to give the two instances more to race for. */
const crowd = Array.from({ length: 8 }, (): string => randomUUID());
/** Residents placed at the moment their appointment arrives, each at a school of their own, with its principal before them. */
const racers = Array.from({ length: 6 }, () => ({ personId: randomUUID(), schoolId: randomUUID(), before: randomUUID() }));
const at = (id: string) => ({ kind: 'school' as const, id, cityId: denver });
const idOf = (envelope: { payload: object }): string => (envelope.payload as { transitionId: string }).transitionId;

const today = calendarDateToday();
/** Every placement starts here: its first checkpoint is months away. */
const START = addDays(today, -150);
const YEAR1 = addYears(START, 1);
const ENROLLED = addDays(START, -330);
const COMPLETED = addDays(START, -1);

interface Retention {
  year1: string;
  year2: string;
  year3: string;
}
interface PlacementView {
  id: string;
  schoolId: string;
  sector: string;
  role: string;
  startsOn: string;
  confirmed: boolean;
  transitionId: string | null;
  tenureStartedOn: string | null;
  endedOn: string | null;
  endCause: string | null;
  endTransitionId: string | null;
  retention: Retention;
}
interface FellowView {
  id: string;
  stage: string;
  placements: PlacementView[];
}
interface CheckpointRun {
  asOf: string;
  recorded: { placementId: string; year: number; checkpointOn: string; outcome: string }[];
}
interface Published {
  type: string;
  key: string;
  cityId: string | null;
  payload: Record<string, unknown>;
}

const countBy = <T>(values: readonly T[]): Map<T, number> => values.reduce((counts, v) => counts.set(v, (counts.get(v) ?? 0) + 1), new Map<T, number>());
const onceEach = <T>(values: readonly T[]): Map<T, number> => new Map(values.map((v) => [v, 1]));
const UNKNOWN: Retention = { year1: 'unknown', year2: 'unknown', year3: 'unknown' };

describe('fellowships placements and retention', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;
  const call = client(() => service.url);
  const ok = async <T>(method: string, path: string, body?: unknown, bearer = ADMIN): Promise<T> => {
    const answer = await call<T>(method, path, bearer, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const database = (): DataSource => service.app.get(DataSource);
  const count = async (table: string): Promise<number> => Number((await database().query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const TABLES = ['fellowship_placement', 'fellowship_retention_checkpoint', 'fellowship_placement_basis', 'messaging_outbox'];
  const written = () => Promise.all(TABLES.map(count));
  const published = (type: string): Published[] => (wire.published as Published[]).filter((e) => e.key === programId && e.type === type);
  const publishedSoon = (type: string, matching: (e: Published) => boolean, description: string) =>
    pollUntil(
      () => published(type).filter(matching),
      (events) => events.length > 0,
      { timeoutMs: 30_000, description },
    ).then((events) => events[events.length - 1]);
  const placementOf = async (fellowId: string): Promise<PlacementView> => (await ok<FellowView>('GET', `/v1/fellows/${fellowId}`)).placements[0];
  const placementSoon = (fellowId: string, until: (p: PlacementView) => boolean, description: string) =>
    pollUntil(() => placementOf(fellowId), until, { timeoutMs: 30_000, description });
  const runCheckpoints = (asOf: string, url = service.url) => client(() => url)<CheckpointRun>('POST', '/v1/fellows/retention-checkpoints', ADMIN, { asOf });

  let programId: string;
  let cohortId: string;
  /** Fellow ids by person. */
  const fellows = new Map<string, string>();

  const enrol = async (personId: string, complete = true): Promise<string> => {
    const fellow = await ok<FellowView>('POST', `/v1/cohorts/${cohortId}/fellows`, { personId, appliedOn: addDays(ENROLLED, -120) }, OPERATOR);
    if (complete) {
      await ok('POST', `/v1/fellows/${fellow.id}/stages`, { stage: 'accepted', effectiveDate: addDays(ENROLLED, -60) }, OPERATOR);
      await ok('POST', `/v1/fellows/${fellow.id}/stages`, { stage: 'enrolled', effectiveDate: ENROLLED }, OPERATOR);
      await ok('POST', `/v1/fellows/${fellow.id}/stages`, { stage: 'completed', effectiveDate: COMPLETED }, OPERATOR);
    }
    fellows.set(personId, fellow.id);
    return fellow.id;
  };
  const place = <T = Record<string, unknown>>(personId: string, schoolId: string, bearer = OPERATOR) =>
    call<T>('POST', `/v1/fellows/${fellows.get(personId) ?? randomUUID()}/placements`, bearer, { schoolId, role: 'principal', startsOn: START });

  const appointment = leadershipTransition(at(d1), 'principal', p1, residents[0], START);

  beforeAll(async () => {
    underTest = await startServiceUnderTest(FELLOWSHIPS_SERVICE, {
      database: 'fellowships_placements',
      env: { FELLOWSHIPS_RETENTION_INTERVAL_SECONDS: '0' },
      wire: { read: [FELLOWSHIPS_TOPIC], clientId: 'fellowships-placements-test' },
    });
    ({ service, wire } = underTest);
    const people = [mentor, hostPrincipal, p1, p2, p3, pc, successor, ...residents, ...crowd, ...racers.flatMap((r) => [r.personId, r.before])];
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      organizationCreated(operator, denver, 'Denver Public Schools', 'district'),
      schoolCreated(origin, denver, 'Strive Prep', 'charter'),
      schoolCreated(host, denver, 'Lincoln Academy', 'charter'),
      schoolCreated(d1, denver, 'Barnum Elementary', 'district'),
      schoolCreated(d2, denver, 'Cole Middle', 'district'),
      schoolCreated(d3, denver, 'Montbello High', 'district'),
      schoolCreated(closing, denver, 'Smiley Middle', 'district'),
      schoolCreated(closedAlready, denver, 'Byers Middle', 'district'),
      schoolCreated(oaklandSchool, oakland, 'Bay Prep', 'charter'),
      ...racers.map((r, i) => schoolCreated(r.schoolId, denver, `Racing Elementary ${i}`, 'district')),
      ...people.map((id, i) => personCreated(id, `Person ${i}`)),
      leadershipTransition(at(host), 'principal', null, hostPrincipal, '2020-07-01'),
      leadershipTransition(at(host), 'teacher', null, mentor, '2020-08-01'),
      leadershipTransition(at(d1), 'principal', null, p1, '2019-07-01'),
      leadershipTransition(at(d2), 'principal', null, p2, '2019-07-01'),
      leadershipTransition(at(d3), 'principal', null, p3, '2019-07-01'),
      leadershipTransition(at(closing), 'principal', null, pc, '2019-07-01'),
      ...[...residents, ...crowd, ...racers.map((r) => r.personId)].map((id) =>
        leadershipTransition(at(origin), 'assistant_principal', null, id, '2020-07-01'),
      ),
      ...racers.map((r) => leadershipTransition(at(r.schoolId), 'principal', null, r.before, '2019-07-01')),
      appointment,
      schoolClosed(closedAlready, denver, addDays(START, -30)),
    );
    await pollUntil(
      () => Promise.all(['directory_copy_organization', 'directory_copy_school', 'directory_copy_person', 'directory_copy_role_transition'].map(count)),
      ([organizations, schools, people_, transitions]) =>
        organizations === 1 &&
        schools === 8 + racers.length &&
        people_ === people.length &&
        transitions === 7 + residents.length + crowd.length + racers.length * 2,
      { timeoutMs: 60_000, description: 'the local copy knows the schools, people and roles' },
    );
    await pollUntil(
      async () =>
        (await database().query<{ closedOn: string | null }[]>('SELECT closedOn FROM directory_copy_school WHERE id = ?', [closedAlready]))[0]?.closedOn,
      (closedOn) => Boolean(closedOn),
      { timeoutMs: 30_000, description: 'the copy knows the closure' },
    );

    const program = await ok<{ id: string }>(
      'POST',
      '/v1/fellowship-programs',
      { name: 'Denver principal residency', kind: 'principal_residency', operatorOrganizationId: operator, cityIds: [denver], requirements: [] },
      OPERATOR,
    );
    programId = program.id;
    const cohort = await ok<{ id: string }>(
      'POST',
      `/v1/fellowship-programs/${programId}/cohorts`,
      { name: 'Residents', startsOn: ENROLLED, endsOn: COMPLETED, hostSchools: [{ schoolId: host, mentorPersonIds: [mentor] }] },
      OPERATOR,
    );
    cohortId = cohort.id;
    await ok('POST', `/v1/cohorts/${cohortId}/start`, { on: ENROLLED }, OPERATOR);
    for (const personId of residents.slice(0, 3)) await enrol(personId);
    await enrol(residents[4], false);
  });

  afterAll(() => underTest?.stop());

  it('refuses a placement before enrolment, at a school the copy does not know, a closed one or another city’s, or before the fellow enrolled; nothing written', async () => {
    const before = await written();
    expect(await place(residents[4], d2)).toMatchObject({ status: 409, body: { code: 'fellowship_refused', reason: 'placement_before_enrolment' } });
    for (const school of [randomUUID(), closedAlready, oaklandSchool]) {
      const answer = await place(residents[1], school);
      expect(answer.status).toBe(400);
      expect(fieldsOf(answer)).toEqual(['schoolId']);
    }
    const early = await call('POST', `/v1/fellows/${fellows.get(residents[1])}/placements`, OPERATOR, {
      schoolId: d2,
      role: 'principal',
      startsOn: dayBefore(ENROLLED),
    });
    expect(early.status).toBe(400);
    expect(fieldsOf(early)).toEqual(['startsOn']);
    const bad = await call('POST', `/v1/fellows/${fellows.get(residents[1])}/placements`, OPERATOR, { schoolId: d2, startsOn: 'soon' });
    expect(fieldsOf(bad)).toEqual(['role', 'startsOn']);
    expect((await place(residents[1], d2, OAKLAND_OPERATOR)).status).toBe(404);
    expect((await place(residents[1], d2, token('analyst'))).status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('confirms a placement at once when the directory already has the tenure, and publishes both records', async () => {
    const answer = await place<FellowView>(residents[0], d1);
    expect(answer.status).toBe(201);
    expect(answer.body.placements).toEqual([
      expect.objectContaining({
        schoolId: d1,
        sector: 'district',
        role: 'principal',
        startsOn: START,
        confirmed: true,
        transitionId: idOf(appointment),
        tenureStartedOn: START,
        endedOn: null,
        retention: UNKNOWN,
      }),
    ]);
    const placementId = answer.body.placements[0].id;
    const recorded = await publishedSoon('fellowships.placement.recorded', (e) => e.payload.placementId === placementId, 'the placement is published');
    expect(recorded).toMatchObject({
      cityId: denver,
      payload: {
        programId,
        programKind: 'principal_residency',
        cohortId,
        fellowId: fellows.get(residents[0]),
        personId: residents[0],
        origin: { schoolId: origin, sector: 'charter', role: 'assistant_principal', cityId: denver },
        placement: { schoolId: d1, sector: 'district', cityId: denver, role: 'principal' },
        startsOn: START,
      },
    });
    const confirmed = await publishedSoon('fellowships.placement.confirmed', (e) => e.payload.placementId === placementId, 'the confirmation is published');
    expect(confirmed.payload).toMatchObject({ transitionId: idOf(appointment), tenureStartedOn: START, placement: { schoolId: d1 } });
    expect((await place(residents[0], d1)).body).toMatchObject({ code: 'fellowship_refused', reason: 'placement_exists' });
  });

  it('records a placement unconfirmed, and confirms it when the appointment arrives a little later', async () => {
    const answer = await place<FellowView>(residents[1], d2);
    expect(answer.body.placements).toEqual([expect.objectContaining({ confirmed: false, transitionId: null, retention: UNKNOWN })]);
    const appointed = leadershipTransition(at(d2), 'principal', p2, residents[1], addDays(START, 14));
    await wire.publish(appointed);
    const placement = await placementSoon(fellows.get(residents[1]) as string, (p) => p.confirmed, 'the appointment confirms the placement');
    expect(placement).toMatchObject({ transitionId: idOf(appointed), tenureStartedOn: addDays(START, 14), endedOn: null });
    const confirmed = await publishedSoon('fellowships.placement.confirmed', (e) => e.payload.placementId === placement.id, 'the confirmation is published');
    expect(confirmed.payload).toMatchObject({ transitionId: idOf(appointed), tenureStartedOn: addDays(START, 14), personId: residents[1] });
  });

  it('answers unknown before the checkpoint day, and records nothing before it comes', async () => {
    expect((await placementOf(fellows.get(residents[0]) as string)).retention).toEqual(UNKNOWN);
    expect(await runCheckpoints(dayBefore(YEAR1))).toEqual({ status: 201, body: { asOf: dayBefore(YEAR1), recorded: [] } });
    expect(await count('fellowship_retention_checkpoint')).toBe(0);
  });

  const departure = leadershipTransition(at(d1), 'principal', residents[0], successor, addDays(START, 200));

  it('ends the placement when the fellow leaves the role; year 1 is then left for them, retained for the one who stayed', async () => {
    await wire.publish(departure);
    const ended = await placementSoon(fellows.get(residents[0]) as string, (p) => p.endedOn !== null, 'the departure ends the placement');
    expect(ended).toMatchObject({ endedOn: addDays(START, 199), endCause: 'left_role', endTransitionId: idOf(departure), confirmed: true });
    const record = await publishedSoon('fellowships.placement.ended', (e) => e.payload.placementId === ended.id, 'the end is published');
    expect(record.payload).toMatchObject({ cause: 'left_role', endedOn: addDays(START, 199), transitionId: idOf(departure), personId: residents[0] });

    const leftId = ended.id;
    const stayedId = (await placementOf(fellows.get(residents[1]) as string)).id;
    const run = await runCheckpoints(YEAR1);
    expect(run.status).toBe(201);
    expect([...run.body.recorded].sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { placementId: leftId, year: 1, checkpointOn: YEAR1, outcome: 'left' },
      { placementId: stayedId, year: 1, checkpointOn: YEAR1, outcome: 'retained' },
    ]);
    expect((await placementOf(fellows.get(residents[0]) as string)).retention).toEqual({ ...UNKNOWN, year1: 'left' });
    expect((await placementOf(fellows.get(residents[1]) as string)).retention).toEqual({ ...UNKNOWN, year1: 'retained' });
    for (const [placementId, outcome] of [
      [leftId, 'left'],
      [stayedId, 'retained'],
    ]) {
      const reached = await publishedSoon(
        'fellowships.placement.retention-checkpoint-reached',
        (e) => e.payload.placementId === placementId,
        `the year 1 checkpoint of ${placementId} is published`,
      );
      expect(reached.payload).toMatchObject({ year: 1, checkpointOn: YEAR1, outcome, revision: 1, placement: { schoolId: placementId === leftId ? d1 : d2 } });
    }
    // A second run of the same day finds nothing left to record.
    expect((await runCheckpoints(YEAR1)).body.recorded).toEqual([]);
  });

  const correction = leadershipTransition(at(d1), 'principal', residents[0], successor, addDays(YEAR1, 30), idOf(departure));

  it('revises a recorded answer when a correction changes it: the departure came after the checkpoint, so year 1 is retained, revision 2', async () => {
    await wire.publish(correction);
    const placement = await placementSoon(fellows.get(residents[0]) as string, (p) => p.retention.year1 === 'retained', 'the correction revises year 1');
    expect(placement).toMatchObject({ endedOn: addDays(YEAR1, 29), endCause: 'left_role', endTransitionId: idOf(correction) });
    const revised = await publishedSoon(
      'fellowships.placement.retention-checkpoint-reached',
      (e) => e.payload.placementId === placement.id && e.payload.revision === 2,
      'revision 2 is published',
    );
    expect(revised.payload).toMatchObject({ year: 1, checkpointOn: YEAR1, outcome: 'retained', revision: 2 });
    const reEnded = await publishedSoon(
      'fellowships.placement.ended',
      (e) => e.payload.placementId === placement.id && e.payload.transitionId === idOf(correction),
      'the corrected end is published',
    );
    expect(reEnded.payload).toMatchObject({ cause: 'left_role', endedOn: addDays(YEAR1, 29) });
    expect(
      await database().query('SELECT year, outcome, revision FROM fellowship_retention_checkpoint WHERE placementId = ? ORDER BY year', [placement.id]),
    ).toEqual([{ year: 1, outcome: 'retained', revision: 2 }]);
  });

  it('applies a redelivered correction once: nothing changes', async () => {
    const before = await written();
    const views = () => Promise.all(residents.slice(0, 2).map((id) => ok(`GET`, `/v1/fellows/${fellows.get(id)}`)));
    const viewsBefore = await views();
    const duplicates = await inboxOutcomeCount(service.url, FELLOWSHIPS_CONSUMER.consumer, 'duplicate');
    await wire.publish(correction, departure);
    await pollUntil(
      () => inboxOutcomeCount(service.url, FELLOWSHIPS_CONSUMER.consumer, 'duplicate'),
      (n) => n === duplicates + 2,
      { timeoutMs: 30_000, description: 'redelivery recognised' },
    );
    expect(await written()).toEqual(before);
    expect(await views()).toEqual(viewsBefore);
  });

  it('ends a placement when its school closes; the checkpoints after the closure are left', async () => {
    await wire.publish(leadershipTransition(at(closing), 'principal', pc, residents[2], START));
    await pollUntil(
      () => count('directory_copy_role_transition'),
      (n) => n === 7 + residents.length + crowd.length + racers.length * 2 + 4,
      { timeoutMs: 30_000, description: 'the copy has the appointment' },
    );
    expect((await place<FellowView>(residents[2], closing)).body.placements).toEqual([expect.objectContaining({ confirmed: true, endedOn: null })]);
    await wire.publish(schoolClosed(closing, denver, addDays(START, 100)));
    const ended = await placementSoon(fellows.get(residents[2]) as string, (p) => p.endedOn !== null, 'the closure ends the placement');
    expect(ended).toMatchObject({ endedOn: addDays(START, 100), endCause: 'school_closed', endTransitionId: null });
    const record = await publishedSoon('fellowships.placement.ended', (e) => e.payload.placementId === ended.id, 'the end is published');
    expect(record.payload).toMatchObject({ cause: 'school_closed', endedOn: addDays(START, 100), transitionId: null });
  });

  it('confirms every placement recorded at the moment its appointment arrives, whichever comes first', async () => {
    for (const r of racers) await enrol(r.personId);
    const appointments = racers.map((r) => leadershipTransition(at(r.schoolId), 'principal', r.before, r.personId, START));
    const answers = await Promise.all([wire.publish(...appointments).then(() => undefined), ...racers.map((r) => place<FellowView>(r.personId, r.schoolId))]);
    expect(answers.slice(1).map((a) => a?.status)).toEqual(racers.map(() => 201));
    const confirmed = await pollUntil(
      () => Promise.all(racers.map((r) => placementOf(fellows.get(r.personId) as string))),
      (placements) => placements.every((p) => p.confirmed),
      { timeoutMs: 30_000, description: 'every racing placement confirmed' },
    );
    expect(confirmed.map((p) => p.transitionId)).toEqual(appointments.map(idOf));
  });

  it('documents the placement routes', async () => {
    const document = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/fellows/{id}/placements', '/v1/fellows/retention-checkpoints']));
  });

  describe('two instances recording the checkpoints at once', () => {
    let second: RunningApp;

    beforeAll(async () => {
      for (const personId of crowd) {
        await enrol(personId);
        expect((await place(personId, d3)).status).toBe(201);
      }
      second = await startServiceApp(FELLOWSHIPS_SERVICE, {
        DATABASE_URL: underTest.database.url,
        KAFKA_BROKERS: underTest.cluster.bootstrapServers.join(','),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        FELLOWSHIPS_RETENTION_INTERVAL_SECONDS: '0',
      });
    });

    afterAll(() => second?.close());

    it('records each checkpoint once, whichever instance gets to it, and publishes each once', async () => {
      const asOf = addYears(START, 3);
      const placements = await database().query<{ id: string; personId: string }[]>('SELECT id, personId FROM fellowship_placement');
      const alreadyRecorded = new Set(
        (await database().query<{ placementId: string; year: number }[]>('SELECT placementId, year FROM fellowship_retention_checkpoint')).map(
          (c) => `${c.placementId}:${c.year}`,
        ),
      );
      const expected = placements.flatMap((p) => [1, 2, 3].map((year) => `${p.id}:${year}`)).filter((key) => !alreadyRecorded.has(key));
      expect(expected).toHaveLength(placements.length * 3 - 2);

      const runs = await Promise.all([service.url, second.url].flatMap((url) => Array.from({ length: 3 }, () => runCheckpoints(asOf, url))));
      expect(runs.every((run) => run.status === 201 && run.body.asOf === asOf)).toBe(true);
      const recorded = runs.flatMap((run) => run.body.recorded.map((c) => `${c.placementId}:${c.year}`));
      expect(countBy(recorded)).toEqual(onceEach(expected));

      const rows = await database().query<{ placementId: string; year: number; revision: number }[]>(
        'SELECT placementId, year, revision FROM fellowship_retention_checkpoint',
      );
      expect(rows).toHaveLength(placements.length * 3);
      // The crowd has no tenure in the directory: unknown, never left.
      const crowdOutcomes = runs
        .flatMap((run) => run.body.recorded)
        .filter((c) => placements.find((p) => p.id === c.placementId && crowd.includes(p.personId)));
      expect(crowdOutcomes).toHaveLength(crowd.length * 3);
      expect(new Set(crowdOutcomes.map((c) => c.outcome))).toEqual(new Set(['unknown']));

      const outboxRows = await pollUntil(
        () =>
          database().query<{ status: string }[]>('SELECT status FROM messaging_outbox WHERE type = ?', ['fellowships.placement.retention-checkpoint-reached']),
        (r) => r.every((row) => row.status === 'sent'),
        { timeoutMs: 60_000, description: 'both relays sent every checkpoint' },
      );
      const onTopic = await pollUntil(
        () => published('fellowships.placement.retention-checkpoint-reached'),
        (records) => records.length >= outboxRows.length,
        { timeoutMs: 60_000, description: 'the wire read every checkpoint the relays sent' },
      );
      expect(onTopic).toHaveLength(outboxRows.length);
      const firstRevisions = onTopic.filter((e) => e.payload.revision === 1).map((e) => `${String(e.payload.placementId)}:${String(e.payload.year)}`);
      expect(countBy(firstRevisions)).toEqual(onceEach([...expected, ...alreadyRecorded]));

      for (const url of [service.url, second.url]) expect((await runCheckpoints(asOf, url)).body).toEqual({ asOf, recorded: [] });
      const stayed = await placementOf(fellows.get(residents[1]) as string);
      expect(stayed.retention).toEqual({ year1: 'retained', year2: 'retained', year3: 'retained' });
      const corrected = await placementOf(fellows.get(residents[0]) as string);
      expect(corrected.retention).toEqual({ year1: 'retained', year2: 'left', year3: 'left' });
      expect((await placementOf(fellows.get(residents[2]) as string)).retention).toEqual({ year1: 'left', year2: 'left', year3: 'left' });
    });
  });

  it('rebuilds the copy by replay without moving a placement, revising a checkpoint or publishing anything', async () => {
    const before = await written();
    const views = () => Promise.all([...residents.slice(0, 3), ...crowd].map((id) => ok(`GET`, `/v1/fellows/${fellows.get(id)}`)));
    const viewsBefore = await views();
    const checkpoints = () => database().query('SELECT placementId, year, outcome, revision FROM fellowship_retention_checkpoint ORDER BY placementId, year');
    const checkpointsBefore = await checkpoints();
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave. The
    // copy comes back one event at a time: the appointment of the first resident before her departure and its
    // correction, the closing school's appointment before the closure.
    const result = await replayConsumer({
      consumer: FELLOWSHIPS_CONSUMER.consumer,
      topics: FELLOWSHIPS_CONSUMER.topics,
      dataSource: database(),
      brokers: underTest.cluster.bootstrapServers,
      handlers: collectEventHandlers(service.app),
      reset: async (manager) => {
        for (const table of FELLOWSHIPS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
      },
      kafka: { logLevel: logLevel.NOTHING },
      group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
      timeoutMs: 60_000,
    });
    // A reaction that tried to publish would fail here (a replay has no outbox) and be counted as dead-lettered.
    expect(result.deadLettered).toBe(0);
    expect(await written()).toEqual(before);
    expect(await checkpoints()).toEqual(checkpointsBefore);
    expect(await views()).toEqual(viewsBefore);
  });
});

// The fellowships service in-process on MariaDB and the dev Kafka cluster. The test plays the schools service: it
// publishes the directory and leadership events, and the service must learn schools, people and roles from them
// alone, snapshot fellows' origins from that copy, check mentors against it, and act on turnover (a mentor leaving
// the host school, a host school's new principal) in the inbox transaction, publishing every change on
// fellowships.programs.v1 keyed by the program id.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { FELLOWSHIPS_TOPIC, calendarDateToday } from '@crosswalk/contracts';
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
  startServiceUnderTest,
} from '@crosswalk/testing';
import { collectEventHandlers, replayConsumer } from '@crosswalk/messaging';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FELLOWSHIPS_CONSUMER } from '../src/consumers';
import { FELLOWSHIPS_SERVICE } from '../src/fellowships.definition';
import { client, fieldsOf, token } from './support';

const denver = randomUUID();
const oakland = randomUUID();
const ADMIN = token('network_admin');
const OPERATOR = token('city_operator', [denver]);
const OAKLAND_OPERATOR = token('city_operator', [oakland]);
const ANALYST = token('analyst');

const cmo = randomUUID();
const [origin, hostA, hostB, oaklandSchool] = Array.from({ length: 4 }, () => randomUUID());
const [principalA, principalB, newPrincipalB, mentorA, mentorB, mentorA2, outsider] = Array.from({ length: 7 }, () => randomUUID());
const residents = Array.from({ length: 4 }, () => randomUUID());
const at = (id: string) => ({ kind: 'school' as const, id, cityId: denver });

interface HostSchoolView {
  schoolId: string;
  status: string;
  principal: { personId: string } | null;
  confirmedPrincipalPersonId: string | null;
  pendingConfirmation: { transitionId: string; incomingPersonId: string | null } | null;
  mentors: { personId: string; fullName: string | null }[];
  history: { status: string; transitionId: string | null; personId: string | null }[];
}
interface CohortView {
  id: string;
  programId: string;
  status: string;
  hostSchools: HostSchoolView[];
  history: { from: string | null; to: string; effectiveDate: string }[];
}
interface MentorshipView {
  id: string;
  mentorPersonId: string;
  hostSchoolId: string;
  status: string;
  endsOn: string | null;
  endCause: string | null;
  departureTransitionId: string | null;
}
interface FellowView {
  id: string;
  cohortId: string;
  stage: string;
  origin: Record<string, unknown>;
  needsMentor: boolean;
  stageHistory: { from: string | null; to: string; effectiveDate: string; reason: string | null }[];
  requirements: { requirementId: string; met: boolean | null; recordedOn: string | null }[];
  mentorships: MentorshipView[];
  placements: unknown[];
}
interface ProgramView {
  id: string;
  status: string;
  cityIds: string[];
  requirements: { id: string; text: string; required: boolean }[];
}
interface Published {
  type: string;
  key: string;
  cityId: string | null;
  payload: Record<string, unknown>;
}

describe('fellowships', () => {
  let underTest: ServiceUnderTest;
  let service: RunningApp;
  let wire: EventWire;
  const call = client(() => service.url);
  const ok = async <T>(method: string, path: string, body?: unknown, bearer = ADMIN): Promise<T> => {
    const answer = await call<T>(method, path, bearer, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const count = async (table: string): Promise<number> =>
    Number((await service.app.get(DataSource).query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const TABLES = [
    'fellowship_program',
    'fellowship_cohort',
    'fellowship_host_school',
    'fellowship_host_site_change',
    'fellowship_fellow',
    'fellowship_stage_change',
    'fellowship_mentorship',
    'messaging_outbox',
  ];
  const written = () => Promise.all(TABLES.map(count));
  const published = (key: string, type?: string): Published[] =>
    (wire.published as Published[]).filter((e) => e.key === key && (type === undefined || e.type === type));
  const publishedSoon = (key: string, type: string, n = 1) =>
    pollUntil(
      () => published(key, type),
      (events) => events.length >= n,
      { timeoutMs: 30_000, description: `${n} ${type} published under ${key}` },
    );

  beforeAll(async () => {
    underTest = await startServiceUnderTest(FELLOWSHIPS_SERVICE, {
      database: 'fellowships_core',
      wire: { read: [FELLOWSHIPS_TOPIC], clientId: 'fellowships-core-test' },
    });
    ({ service, wire } = underTest);
    await wire.publish(
      cityCreated(denver, 'Denver', 'CO'),
      cityCreated(oakland, 'Oakland', 'CA'),
      organizationCreated(cmo, denver, 'Strive Prep Network'),
      schoolCreated(origin, denver, 'Strive Prep', 'charter'),
      schoolCreated(hostA, denver, 'Lincoln Academy', 'charter'),
      schoolCreated(hostB, denver, 'Cole Arts', 'charter'),
      schoolCreated(oaklandSchool, oakland, 'Bay Prep', 'charter'),
      ...[principalA, principalB, newPrincipalB, mentorA, mentorB, mentorA2, outsider, ...residents].map((id, i) => personCreated(id, `Person ${i}`)),
      leadershipTransition(at(hostA), 'principal', null, principalA, '2023-07-01'),
      leadershipTransition(at(hostB), 'principal', null, principalB, '2023-07-01'),
      leadershipTransition(at(hostA), 'teacher', null, mentorA, '2020-08-01'),
      leadershipTransition(at(hostA), 'teacher', null, mentorA2, '2021-08-01'),
      leadershipTransition(at(hostB), 'teacher', null, mentorB, '2020-08-01'),
      ...residents.map((id) => leadershipTransition(at(origin), 'assistant_principal', null, id, '2022-07-01')),
    );
    await pollUntil(
      () => Promise.all(['directory_copy_organization', 'directory_copy_school', 'directory_copy_person', 'directory_copy_role_transition'].map(count)),
      ([organizations, schools, people, transitions]) => organizations === 1 && schools === 4 && people === 11 && transitions === 9,
      { timeoutMs: 60_000, description: 'the local copy knows the operator, schools, people and roles' },
    );
  });

  afterAll(() => underTest?.stop());

  let program: ProgramView;
  let cohort: CohortView;
  let fellow: FellowView;

  const programBody = (over: Record<string, unknown> = {}) => ({
    name: 'Denver principal residency',
    kind: 'principal_residency',
    operatorOrganizationId: cmo,
    cityIds: [denver],
    requirements: [
      { text: 'Three years as a teacher', required: true },
      { text: 'Summer intensive', required: false },
    ],
    ...over,
  });
  const cohortBody = (over: Record<string, unknown> = {}) => ({
    name: '2026-27',
    startsOn: '2026-08-01',
    endsOn: '2027-06-30',
    hostSchools: [
      { schoolId: hostA, mentorPersonIds: [mentorA, mentorA2] },
      { schoolId: hostB, mentorPersonIds: [mentorB] },
    ],
    ...over,
  });

  describe('programs', () => {
    it('creates a program with its cities and requirements and publishes it keyed by its id', async () => {
      program = await ok<ProgramView>('POST', '/v1/fellowship-programs', programBody(), OPERATOR);
      expect(program).toMatchObject({ status: 'active', cityIds: [denver] });
      expect(program.requirements.map((r) => [r.text, r.required])).toEqual([
        ['Three years as a teacher', true],
        ['Summer intensive', false],
      ]);
      const [created] = await publishedSoon(program.id, 'fellowships.program.created');
      expect(created).toMatchObject({
        cityId: denver,
        payload: { programId: program.id, programKind: 'principal_residency', cityIds: [denver], operatorOrganizationId: cmo },
      });
    });

    it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
      const before = await written();
      const bad = await call('POST', '/v1/fellowship-programs', ADMIN, programBody({ kind: 'internship', cityIds: [], requirements: [{ text: '' }] }));
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['cityIds', 'kind']));
      const unknownCity = await call('POST', '/v1/fellowship-programs', ADMIN, programBody({ cityIds: [randomUUID()] }));
      expect(unknownCity).toMatchObject({ status: 400 });
      expect(fieldsOf(unknownCity)).toEqual(['cityIds']);
      expect(await written()).toEqual(before);
    });

    it('refuses an operator organization the directory never told of with a 400 naming the field, and writes nothing', async () => {
      const before = await written();
      const stranger = randomUUID();
      const unknownOperator = await call('POST', '/v1/fellowship-programs', OPERATOR, programBody({ operatorOrganizationId: stranger }));
      expect(unknownOperator.status).toBe(400);
      expect(fieldsOf(unknownOperator)).toEqual(['operatorOrganizationId']);
      expect(JSON.stringify(unknownOperator.body)).toContain(`Organization ${stranger} is not in the directory`);
      // fellowship_program and messaging_outbox among them: no program row, no event.
      expect(await written()).toEqual(before);
    });

    it("answers another city's program as unknown (404), and refuses writes to read-only roles (403)", async () => {
      expect((await call('GET', `/v1/fellowship-programs/${program.id}`, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('POST', '/v1/fellowship-programs', OAKLAND_OPERATOR, programBody())).status).toBe(404);
      expect((await call('POST', '/v1/fellowship-programs', ANALYST, programBody())).status).toBe(403);
      expect((await ok<{ items: ProgramView[] }>('GET', '/v1/fellowship-programs', undefined, OAKLAND_OPERATOR)).items).toEqual([]);
      expect((await ok<{ items: ProgramView[] }>('GET', `/v1/fellowship-programs?cityId=${denver}&kind=principal_residency`)).items.map((p) => p.id)).toEqual([
        program.id,
      ]);
    });
  });

  describe('cohorts', () => {
    it('refuses a mentor who holds no role at the host school, a host school outside the program, and dates out of order: 400, nothing written', async () => {
      const before = await written();
      const noRole = await call(
        'POST',
        `/v1/fellowship-programs/${program.id}/cohorts`,
        OPERATOR,
        cohortBody({ hostSchools: [{ schoolId: hostA, mentorPersonIds: [mentorA, mentorB] }] }),
      );
      expect(noRole.status).toBe(400);
      expect(fieldsOf(noRole)).toEqual(['hostSchools.0.mentorPersonIds']);
      expect(JSON.stringify(noRole.body)).toContain(`Person ${mentorB} holds no role at school ${hostA}`);
      const elsewhere = await call(
        'POST',
        `/v1/fellowship-programs/${program.id}/cohorts`,
        OPERATOR,
        cohortBody({ hostSchools: [{ schoolId: oaklandSchool, mentorPersonIds: [] }] }),
      );
      expect(fieldsOf(elsewhere)).toEqual(['hostSchools.0.schoolId']);
      const backwards = await call('POST', `/v1/fellowship-programs/${program.id}/cohorts`, OPERATOR, cohortBody({ endsOn: '2026-07-31' }));
      expect(backwards.status).toBe(400);
      expect(fieldsOf(backwards)).toEqual(['endsOn']);
      expect(await written()).toEqual(before);
    });

    it('schedules a cohort with its host schools, mentors and their principals (confirmed)', async () => {
      cohort = await ok<CohortView>('POST', `/v1/fellowship-programs/${program.id}/cohorts`, cohortBody(), OPERATOR);
      expect(cohort.status).toBe('planned');
      expect(cohort.hostSchools.map((h) => [h.schoolId, h.status, h.confirmedPrincipalPersonId, h.mentors.map((m) => m.personId).sort()])).toEqual([
        [hostA, 'confirmed', principalA, [mentorA, mentorA2].sort()],
        [hostB, 'confirmed', principalB, [mentorB]],
      ]);
      const [scheduled] = await publishedSoon(program.id, 'fellowships.cohort.scheduled');
      expect(scheduled.payload).toMatchObject({
        cohortId: cohort.id,
        hostSchools: [
          { schoolId: hostA, sector: 'charter', cityId: denver, principalPersonId: principalA },
          { schoolId: hostB, sector: 'charter', cityId: denver, principalPersonId: principalB, mentorPersonIds: [mentorB] },
        ],
      });
    });

    it("answers another city's cohort as unknown (404)", async () => {
      expect((await call('GET', `/v1/cohorts/${cohort.id}`, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('POST', `/v1/cohorts/${cohort.id}/start`, OAKLAND_OPERATOR, {})).status).toBe(404);
      expect((await call('POST', `/v1/cohorts/${cohort.id}/fellows`, OAKLAND_OPERATOR, { personId: residents[0] })).status).toBe(404);
    });

    it('moves planned → active and refuses a move its status does not allow (409, nothing written)', async () => {
      const before = await written();
      const complete = await call('POST', `/v1/cohorts/${cohort.id}/complete`, OPERATOR, {});
      expect(complete).toMatchObject({ status: 409, body: { code: 'fellowship_refused', reason: 'cohort_status_conflict' } });
      expect(await written()).toEqual(before);
      cohort = await ok<CohortView>('POST', `/v1/cohorts/${cohort.id}/start`, { on: '2026-08-01' }, OPERATOR);
      expect(cohort.status).toBe('active');
      expect(cohort.history.map((h) => [h.from, h.to])).toEqual([
        [null, 'planned'],
        ['planned', 'active'],
      ]);
      await publishedSoon(program.id, 'fellowships.cohort.started');
    });
  });

  describe('fellows', () => {
    it('adds a fellow with stage applied and their origin as the directory knew it on appliedOn', async () => {
      fellow = await ok<FellowView>('POST', `/v1/cohorts/${cohort.id}/fellows`, { personId: residents[0], appliedOn: '2026-04-01' }, OPERATOR);
      expect(fellow).toMatchObject({
        stage: 'applied',
        origin: { schoolId: origin, sector: 'charter', role: 'assistant_principal', cityId: denver },
        needsMentor: false,
        placements: [],
      });
      const [applied] = await publishedSoon(program.id, 'fellowships.fellow.stage-changed');
      expect(applied.payload).toMatchObject({
        fellowId: fellow.id,
        cohortId: cohort.id,
        previousStage: null,
        stage: 'applied',
        effectiveDate: '2026-04-01',
        origin: { schoolId: origin, sector: 'charter', role: 'assistant_principal', cityId: denver },
      });
    });

    it('refuses the same person twice in a cohort, and a person in two live cohorts of one program (409, nothing written)', async () => {
      const second = await ok<CohortView>('POST', `/v1/fellowship-programs/${program.id}/cohorts`, cohortBody({ name: 'Spring' }), OPERATOR);
      const before = await written();
      expect(await call('POST', `/v1/cohorts/${cohort.id}/fellows`, OPERATOR, { personId: residents[0] })).toMatchObject({
        status: 409,
        body: { code: 'fellowship_refused', reason: 'already_in_cohort' },
      });
      expect(await call('POST', `/v1/cohorts/${second.id}/fellows`, OPERATOR, { personId: residents[0] })).toMatchObject({
        status: 409,
        body: { reason: 'in_another_active_cohort' },
      });
      expect(fieldsOf(await call('POST', `/v1/cohorts/${cohort.id}/fellows`, OPERATOR, { personId: randomUUID() }))).toEqual(['personId']);
      expect(await written()).toEqual(before);
    });

    it('adds a person once when the same request races, and refuses the rest with 409', async () => {
      const racing = await ok<CohortView>('POST', `/v1/fellowship-programs/${program.id}/cohorts`, cohortBody({ name: 'Racing' }), OPERATOR);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => call('POST', `/v1/cohorts/${racing.id}/fellows`, OPERATOR, { personId: residents[3], appliedOn: '2026-04-01' })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.reason === 'already_in_cohort')).toBe(true);
      expect((await ok<{ items: FellowView[] }>('GET', `/v1/fellows?cohortId=${racing.id}`)).items).toHaveLength(1);
      // Out of the way of the tests below, which add the same person elsewhere in this program.
      await ok('POST', `/v1/cohorts/${racing.id}/cancel`, {}, OPERATOR);
    });

    it('refuses a skipped stage (409) and a date before the latest stage (400), writing nothing', async () => {
      const before = await written();
      expect(await call('POST', `/v1/fellows/${fellow.id}/stages`, OPERATOR, { stage: 'enrolled', effectiveDate: '2026-05-01' })).toMatchObject({
        status: 409,
        body: { reason: 'stage_skipped' },
      });
      const early = await call('POST', `/v1/fellows/${fellow.id}/stages`, OPERATOR, { stage: 'accepted', effectiveDate: '2026-03-31' });
      expect(early.status).toBe(400);
      expect(fieldsOf(early)).toEqual(['effectiveDate']);
      expect(fieldsOf(await call('POST', `/v1/fellows/${fellow.id}/stages`, OPERATOR, { stage: 'withdrawn', effectiveDate: '2026-05-01' }))).toEqual([
        'reason',
      ]);
      expect(await written()).toEqual(before);
    });

    it('walks the stages with past dates and keeps the history, and records the checklist', async () => {
      await ok('POST', `/v1/fellows/${fellow.id}/stages`, { stage: 'accepted', effectiveDate: '2026-05-01' }, OPERATOR);
      fellow = await ok<FellowView>('POST', `/v1/fellows/${fellow.id}/stages`, { stage: 'enrolled', effectiveDate: '2026-08-01' }, OPERATOR);
      expect(fellow.stage).toBe('enrolled');
      expect(fellow.stageHistory.map((h) => [h.from, h.to, h.effectiveDate])).toEqual([
        [null, 'applied', '2026-04-01'],
        ['applied', 'accepted', '2026-05-01'],
        ['accepted', 'enrolled', '2026-08-01'],
      ]);
      const requirement = program.requirements[0];
      fellow = await ok<FellowView>('POST', `/v1/fellows/${fellow.id}/requirements/${requirement.id}`, { met: true, on: '2026-05-01' }, OPERATOR);
      expect(fellow.requirements).toEqual([
        expect.objectContaining({ requirementId: requirement.id, met: true, recordedOn: '2026-05-01' }),
        expect.objectContaining({ requirementId: program.requirements[1].id, met: null, recordedOn: null }),
      ]);
      expect((await call('POST', `/v1/fellows/${fellow.id}/requirements/${randomUUID()}`, OPERATOR, { met: true, on: '2026-05-01' })).status).toBe(404);
      await publishedSoon(program.id, 'fellowships.fellow.stage-changed', 3);
    });

    it("answers another city's fellow as unknown (404)", async () => {
      expect((await call('GET', `/v1/fellows/${fellow.id}`, OAKLAND_OPERATOR)).status).toBe(404);
      expect((await call('POST', `/v1/fellows/${fellow.id}/stages`, OAKLAND_OPERATOR, { stage: 'completed', effectiveDate: '2027-06-30' })).status).toBe(404);
    });
  });

  describe('mentorships and turnover', () => {
    it('refuses a mentor who holds no role at the host school (400, nothing written)', async () => {
      const before = await written();
      const answer = await call('POST', `/v1/fellows/${fellow.id}/mentorships`, OPERATOR, {
        mentorPersonId: mentorB,
        hostSchoolId: hostA,
        startsOn: '2026-08-01',
      });
      expect(answer.status).toBe(400);
      expect(fieldsOf(answer)).toEqual(['mentorPersonId']);
      expect(await written()).toEqual(before);
    });

    it('assigns a mentor', async () => {
      fellow = await ok<FellowView>(
        'POST',
        `/v1/fellows/${fellow.id}/mentorships`,
        { mentorPersonId: mentorA, hostSchoolId: hostA, startsOn: '2026-08-01' },
        OPERATOR,
      );
      expect(fellow.mentorships.map((m) => [m.mentorPersonId, m.status])).toEqual([[mentorA, 'active']]);
      await publishedSoon(program.id, 'fellowships.mentorship.assigned');
    });

    let departure: ReturnType<typeof leadershipTransition>;

    it('marks the mentorship mentor_departed when the mentor leaves the host school, and lists the fellow as needing a mentor', async () => {
      departure = leadershipTransition(at(hostA), 'teacher', mentorA, null, calendarDateToday());
      await wire.publish(departure);
      const needing = await pollUntil(
        () => ok<{ items: FellowView[] }>('GET', `/v1/fellows?cohortId=${cohort.id}&needsMentor=true`, undefined, OPERATOR),
        (page) => page.items.length === 1,
        { timeoutMs: 30_000, description: 'the fellow needs a new mentor' },
      );
      expect(needing.items.map((f) => f.id)).toEqual([fellow.id]);
      const transitionId = (departure.payload as { transitionId: string }).transitionId;
      expect(needing.items[0].mentorships).toEqual([
        expect.objectContaining({ mentorPersonId: mentorA, status: 'mentor_departed', departureTransitionId: transitionId }),
      ]);
      const [departed] = await publishedSoon(program.id, 'fellowships.mentorship.mentor-departed');
      expect(departed.payload).toMatchObject({
        fellowId: fellow.id,
        mentorPersonId: mentorA,
        hostSchoolId: hostA,
        transitionId,
        departedOn: calendarDateToday(),
        cohortStatus: 'active',
      });
      expect((await ok<{ items: FellowView[] }>('GET', `/v1/fellows?cohortId=${cohort.id}&needsMentor=false`)).items).toEqual([]);
    });

    it('applies a redelivered directory event once: nothing changes', async () => {
      const before = await written();
      const view = await ok<FellowView>('GET', `/v1/fellows/${fellow.id}`);
      const duplicates = await inboxOutcomeCount(service.url, FELLOWSHIPS_CONSUMER.consumer, 'duplicate');
      await wire.publish(departure);
      await pollUntil(
        () => inboxOutcomeCount(service.url, FELLOWSHIPS_CONSUMER.consumer, 'duplicate'),
        (n) => n === duplicates + 1,
        { timeoutMs: 30_000, description: 'redelivery recognised' },
      );
      expect(await written()).toEqual(before);
      expect(await ok('GET', `/v1/fellows/${fellow.id}`)).toEqual(view);
    });

    it('reassigns: the fellow no longer needs a mentor and the history keeps both', async () => {
      fellow = await ok<FellowView>(
        'POST',
        `/v1/fellows/${fellow.id}/mentorships`,
        { mentorPersonId: mentorA2, hostSchoolId: hostA, startsOn: calendarDateToday() },
        OPERATOR,
      );
      expect(fellow.needsMentor).toBe(false);
      expect(fellow.mentorships.map((m) => [m.mentorPersonId, m.status])).toEqual([
        [mentorA, 'mentor_departed'],
        [mentorA2, 'active'],
      ]);
      const [assigned] = await publishedSoon(program.id, 'fellowships.mentorship.assigned', 2).then((events) => events.slice(1));
      expect(assigned.payload).toMatchObject({ mentorPersonId: mentorA2, replacesMentorshipId: fellow.mentorships[0].id });
      expect((await ok<{ items: FellowView[] }>('GET', `/v1/fellows?cohortId=${cohort.id}&needsMentor=true`)).items).toEqual([]);
    });

    it("puts the host site to the new principal when the host school's principal changes, with history", async () => {
      const change = leadershipTransition(at(hostB), 'principal', principalB, newPrincipalB, calendarDateToday());
      const transitionId = (change.payload as { transitionId: string }).transitionId;
      await wire.publish(change);
      const awaiting = await pollUntil(
        () => ok<CohortView>('GET', `/v1/cohorts/${cohort.id}`, undefined, OPERATOR),
        (c) => c.hostSchools[1].status === 'awaiting_confirmation',
        { timeoutMs: 30_000, description: 'the host site awaits confirmation' },
      );
      expect(awaiting.hostSchools[1]).toMatchObject({
        principal: { personId: newPrincipalB },
        confirmedPrincipalPersonId: principalB,
        pendingConfirmation: { transitionId, incomingPersonId: newPrincipalB },
      });
      expect(awaiting.hostSchools[1].history.map((h) => [h.status, h.personId])).toEqual([
        ['confirmed', principalB],
        ['awaiting_confirmation', newPrincipalB],
      ]);
      expect(awaiting.hostSchools[0].status).toBe('confirmed');
      // Both live cohorts hosted at that school are asked: this one (active) and the planned spring cohort.
      const requests = await publishedSoon(program.id, 'fellowships.host-site.confirmation-requested', 2);
      expect(requests.find((e) => e.payload.cohortId === cohort.id)?.payload).toMatchObject({
        schoolId: hostB,
        transitionId,
        outgoingPersonId: principalB,
        incomingPersonId: newPrincipalB,
      });
      const awaitingIds = (await ok<{ items: CohortView[] }>('GET', '/v1/cohorts?hostSiteStatus=awaiting_confirmation')).items.map((c) => c.id);
      expect(awaitingIds.sort()).toEqual(requests.map((e) => e.payload.cohortId as string).sort());
      expect(awaitingIds).toContain(cohort.id);
    });

    it('takes the confirmation of the current principal only', async () => {
      const before = await written();
      expect(await call('POST', `/v1/cohorts/${cohort.id}/host-schools/${hostB}/confirmations`, OPERATOR, { personId: principalB })).toMatchObject({
        status: 409,
        body: { reason: 'not_current_principal' },
      });
      expect(await call('POST', `/v1/cohorts/${cohort.id}/host-schools/${hostA}/confirmations`, OPERATOR, { personId: principalA })).toMatchObject({
        status: 409,
        body: { reason: 'not_awaiting_confirmation' },
      });
      expect(await written()).toEqual(before);
      const confirmed = await ok<CohortView>('POST', `/v1/cohorts/${cohort.id}/host-schools/${hostB}/confirmations`, { personId: newPrincipalB }, OPERATOR);
      expect(confirmed.hostSchools[1]).toMatchObject({ status: 'confirmed', confirmedPrincipalPersonId: newPrincipalB, pendingConfirmation: null });
      expect(confirmed.hostSchools[1].history.map((h) => h.status)).toEqual(['confirmed', 'awaiting_confirmation', 'confirmed']);
      await publishedSoon(program.id, 'fellowships.host-site.confirmed');
    });
  });

  describe('discontinuation and cancellation', () => {
    it('tells every active fellow, by id, when a program is discontinued (its live cohorts cancelled)', async () => {
      const other = await ok<ProgramView>('POST', '/v1/fellowship-programs', programBody({ name: 'Teacher residency', kind: 'teacher_residency' }), OPERATOR);
      const live = await ok<CohortView>('POST', `/v1/fellowship-programs/${other.id}/cohorts`, cohortBody(), OPERATOR);
      const staying = await ok<FellowView>('POST', `/v1/cohorts/${live.id}/fellows`, { personId: residents[1], appliedOn: '2026-04-01' }, OPERATOR);
      const leaving = await ok<FellowView>('POST', `/v1/cohorts/${live.id}/fellows`, { personId: residents[2], appliedOn: '2026-04-01' }, OPERATOR);
      await ok('POST', `/v1/fellows/${leaving.id}/stages`, { stage: 'withdrawn', effectiveDate: '2026-04-10', reason: 'Moved away' }, OPERATOR);

      const discontinued = await ok<ProgramView>('POST', `/v1/fellowship-programs/${other.id}/discontinue`, { reason: 'Funding ended' }, OPERATOR);
      expect(discontinued.status).toBe('discontinued');
      expect((await ok<CohortView>('GET', `/v1/cohorts/${live.id}`)).status).toBe('cancelled');
      const [cancelled] = await publishedSoon(other.id, 'fellowships.cohort.cancelled');
      expect(cancelled.payload).toMatchObject({ cohortId: live.id, cause: 'program_discontinued', activeFellowIds: [staying.id] });
      const [ended] = await publishedSoon(other.id, 'fellowships.program.discontinued');
      expect(ended.payload).toMatchObject({ reason: 'Funding ended', cancelledCohortIds: [live.id], activeFellowIds: [staying.id] });
      expect(
        published(other.id)
          .map((e) => e.type)
          .slice(-2),
      ).toEqual(['fellowships.cohort.cancelled', 'fellowships.program.discontinued']);

      const before = await written();
      expect(await call('POST', `/v1/fellowship-programs/${other.id}/discontinue`, OPERATOR, {})).toMatchObject({
        status: 409,
        body: { reason: 'program_discontinued' },
      });
      expect(await call('POST', `/v1/fellowship-programs/${other.id}/cohorts`, OPERATOR, cohortBody())).toMatchObject({ status: 409 });
      expect(await call('POST', `/v1/fellows/${staying.id}/stages`, OPERATOR, { stage: 'accepted', effectiveDate: '2026-05-01' })).toMatchObject({
        status: 409,
        body: { reason: 'cohort_closed' },
      });
      expect(await written()).toEqual(before);
    });

    it("tells a cancelled cohort's active fellows by id", async () => {
      const spring = await ok<CohortView>('POST', `/v1/fellowship-programs/${program.id}/cohorts`, cohortBody({ name: 'Summer' }), OPERATOR);
      const applicant = await ok<FellowView>('POST', `/v1/cohorts/${spring.id}/fellows`, { personId: residents[3] }, OPERATOR);
      const cancelled = await ok<CohortView>('POST', `/v1/cohorts/${spring.id}/cancel`, { reason: 'Too few applicants' }, OPERATOR);
      expect(cancelled.status).toBe('cancelled');
      const event = await pollUntil(
        () => published(program.id, 'fellowships.cohort.cancelled').find((e) => e.payload.cohortId === spring.id),
        (e) => e !== undefined,
        { timeoutMs: 30_000, description: 'the cancellation is published' },
      );
      expect(event?.payload).toMatchObject({ cause: 'operator', reason: 'Too few applicants', activeFellowIds: [applicant.id] });
    });
  });

  it('documents every route and gives every field of its bodies and answers an example', async () => {
    const document = (await (await fetch(`${service.url}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
      components: {
        schemas: Record<string, { properties?: Record<string, { example?: unknown; $ref?: string; items?: { $ref?: string }; allOf?: unknown }> }>;
      };
    };
    // Contained rather than equal: the placements capability adds its routes beside these.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/cohorts',
        '/v1/cohorts/{id}',
        '/v1/cohorts/{id}/cancel',
        '/v1/cohorts/{id}/complete',
        '/v1/cohorts/{id}/fellows',
        '/v1/cohorts/{id}/host-schools/{schoolId}/confirmations',
        '/v1/cohorts/{id}/start',
        '/v1/fellows',
        '/v1/fellows/{id}',
        '/v1/fellows/{id}/mentorships',
        '/v1/fellows/{id}/requirements/{requirementId}',
        '/v1/fellows/{id}/stages',
        '/v1/fellowship-programs',
        '/v1/fellowship-programs/{id}',
        '/v1/fellowship-programs/{id}/cohorts',
        '/v1/fellowship-programs/{id}/discontinue',
      ]),
    );
    // The platform's problem document is described by the platform, not by this service.
    const own = Object.entries(document.components.schemas).filter(([name]) => name !== 'Problem');
    const missing = own.flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => property.example === undefined && !property.$ref && !property.items?.$ref && !property.allOf)
        .map(([field]) => `${name}.${field}`),
    );
    expect(missing).toEqual([]);
  });

  describe('a host school closes', () => {
    it('departs the mentorships there: the fellow needs a new mentor, the record names no transition', async () => {
      const spring = (await ok<{ items: CohortView[] }>('GET', `/v1/cohorts?programId=${program.id}&status=planned`)).items[0];
      const late = await ok<FellowView>('POST', `/v1/cohorts/${spring.id}/fellows`, { personId: residents[3], appliedOn: '2026-09-01' }, OPERATOR);
      await ok('POST', `/v1/fellows/${late.id}/mentorships`, { mentorPersonId: mentorB, hostSchoolId: hostB, startsOn: '2026-09-01' }, OPERATOR);
      await wire.publish(schoolClosed(hostB, denver, calendarDateToday()));
      const needing = await pollUntil(
        () => ok<{ items: FellowView[] }>('GET', `/v1/fellows?cohortId=${spring.id}&needsMentor=true`),
        (page) => page.items.length === 1,
        { timeoutMs: 30_000, description: 'the fellow at the closed school needs a new mentor' },
      );
      expect(needing.items[0].mentorships.map((m) => [m.mentorPersonId, m.status, m.departureTransitionId])).toEqual([[mentorB, 'mentor_departed', null]]);
      const departed = await pollUntil(
        () => published(program.id, 'fellowships.mentorship.mentor-departed').find((e) => e.payload.fellowId === late.id),
        (e) => e !== undefined,
        { timeoutMs: 30_000, description: 'the departure is published' },
      );
      expect(departed?.payload).toMatchObject({ hostSchoolId: hostB, transitionId: null, departedOn: calendarDateToday(), cohortStatus: 'planned' });
    });
  });

  it('rebuilds the local copy by replaying the topics, without touching fellows or cohorts or publishing anything', async () => {
    const copy = () =>
      Promise.all(['directory_copy_organization', 'directory_copy_school', 'directory_copy_person', 'directory_copy_role_transition'].map(count));
    const [copyBefore, writtenBefore] = [await copy(), await written()];
    const views = () => Promise.all([ok(`GET`, `/v1/fellows/${fellow.id}`), ok('GET', `/v1/cohorts/${cohort.id}`)]);
    const viewsBefore = await views();
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave.
    const result = await replayConsumer({
      consumer: FELLOWSHIPS_CONSUMER.consumer,
      topics: FELLOWSHIPS_CONSUMER.topics,
      dataSource: service.app.get(DataSource),
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
    // 2 cities, the operator, 4 schools, 11 people, 9 roles, the mentor's departure, the principal's change and
    // the closure; the redelivered departure once more.
    expect(result).toMatchObject({ applied: 30, duplicates: 1, deadLettered: 0 });
    expect(await copy()).toEqual(copyBefore);
    expect(await written()).toEqual(writtenBefore);
    expect(await views()).toEqual(viewsBefore);
  });

  it("publishes a fellow's whole history in order under the program's key", () => {
    const mine = published(program.id)
      .filter((e) => e.payload.fellowId === fellow.id)
      .map((e) => e.type);
    expect(mine).toEqual([
      'fellowships.fellow.stage-changed',
      'fellowships.fellow.stage-changed',
      'fellowships.fellow.stage-changed',
      'fellowships.mentorship.assigned',
      'fellowships.mentorship.mentor-departed',
      'fellowships.mentorship.assigned',
    ]);
  });
});

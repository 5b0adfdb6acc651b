// Leadership transitions over HTTP on MariaDB and the dev Kafka cluster: appointments, replacements and
// vacancies, the 409s that protect the history, multi-holder roles, corrections that keep both records,
// who held a role on a day, two concurrent transitions, and the events on schools.leadership.v1.
import { UnitOfWork } from '@crosswalk/messaging';
import { Clock } from '@crosswalk/platform';
import { LeadershipService } from '../src/leadership/leadership.service';
import { Directory, type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

const ADMIN = token('network_admin');

describe('leadership transitions', () => {
  let h: Harness;
  let directory: Directory;
  let cityId: string;
  let maria: string;
  let james: string;
  let ana: string;

  const transition = (schoolId: string, body: Record<string, unknown>) => call(h, 'POST', `/v1/schools/${schoolId}/leadership-transitions`, ADMIN, body);
  const holders = async (path: string, role: string, on: string): Promise<string[]> => {
    const response = await call(h, 'GET', `${path}/role-holders?role=${role}&on=${on}`, ADMIN);
    expect(response.status).toBe(200);
    return (response.body.holders as { personId: string }[]).map((x) => x.personId);
  };

  beforeAll(async () => {
    h = await startSchools('leadership');
    directory = new Directory(h.dataSource);
    cityId = await directory.city('Denver');
    maria = await directory.person('Maria Lopez');
    james = await directory.person('James Carter');
    ana = await directory.person('Ana Ruiz');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('records a first appointment, a replacement ending the day before, and a vacancy, each one transition', async () => {
    const school = await directory.school(cityId);
    const first = await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2020-07-01' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      holderKind: 'school',
      holderId: school,
      cityId,
      role: 'principal',
      outgoingPersonId: null,
      incomingPersonId: maria,
      endedTenureId: null,
      recordedBy: 'network_admin-1',
    });

    const second = await transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2023-08-15', reason: 'Retirement' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ outgoingPersonId: maria, incomingPersonId: james, endedTenureId: first.body.startedTenureId, reason: 'Retirement' });

    const vacancy = await transition(school, { role: 'principal', incomingPersonId: null, effectiveDate: '2024-01-01' });
    expect(vacancy.status).toBe(201);
    expect(vacancy.body).toMatchObject({ outgoingPersonId: james, incomingPersonId: null, startedTenureId: null });

    const history = await call(h, 'GET', `/v1/schools/${school}/leadership-history?role=principal`, ADMIN);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      holderKind: 'school',
      holderId: school,
      tenures: [
        { personId: maria, fullName: 'Maria Lopez', role: 'principal', startDate: '2020-07-01', endDate: '2023-08-14', superseded: false },
        { personId: james, fullName: 'James Carter', role: 'principal', startDate: '2023-08-15', endDate: '2023-12-31', superseded: false },
      ],
    });
    expect((history.body.transitions as { id: string }[]).map((t) => t.id)).toEqual([first.body.id, second.body.id, vacancy.body.id]);

    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-08-14')).toEqual([maria]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-08-15')).toEqual([james]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2024-01-01')).toEqual([]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2019-01-01')).toEqual([]);
    // Without `on`, the service's today.
    const today = jest.spyOn(h.service.app.get(Clock), 'today').mockReturnValue('2023-09-01');
    const now = await call(h, 'GET', `/v1/schools/${school}/role-holders?role=principal`, ADMIN);
    today.mockRestore();
    expect(now.body).toMatchObject({
      role: 'principal',
      on: '2023-09-01',
      holders: [{ personId: james, fullName: 'James Carter', startDate: '2023-08-15', endDate: '2023-12-31' }],
    });

    // Filling the vacancy is again a transition with no outgoing person.
    const refill = await transition(school, { role: 'principal', incomingPersonId: ana, effectiveDate: '2024-03-01' });
    expect(refill.status).toBe(201);
    expect(refill.body).toMatchObject({ outgoingPersonId: null, incomingPersonId: ana });
  });

  it('refuses transitions that would contradict the history with 409, unknown people with 404, bad bodies with 400', async () => {
    const school = await directory.school(cityId);
    expect((await transition(school, { role: 'principal', incomingPersonId: null, effectiveDate: '2020-01-01' })).status).toBe(409);
    expect((await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2021-07-01' })).status).toBe(201);
    // Same day as the current tenure's start, and before it: the outgoing tenure would end before it began.
    expect((await transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2021-07-01' })).status).toBe(409);
    expect((await transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2021-06-01' })).status).toBe(409);
    // No-op: the incoming person already holds the role.
    const noop = await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2022-07-01' });
    expect(noop.body).toMatchObject({ status: 409, code: 'transition_conflict' });
    expect(noop.body.detail).toMatch(/already holds/);
    expect((await transition(school, { role: 'principal', incomingPersonId: 'no-such-person', effectiveDate: '2022-07-01' })).status).toBe(404);
    expect((await transition('no-such-school', { role: 'principal', incomingPersonId: james, effectiveDate: '2022-07-01' })).status).toBe(404);

    const invalid = await transition(school, { role: 'Principal!', effectiveDate: '2022-13-01', extra: 1 });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((f) => f.field).sort()).toEqual(['effectiveDate', 'extra', 'incomingPersonId', 'role']);
    expect((await transition(school, { role: 'chief', incomingPersonId: james, effectiveDate: '2022-07-01' })).status).toBe(400);
    const outgoing = await transition(school, { role: 'principal', outgoingPersonId: maria, incomingPersonId: james, effectiveDate: '2022-07-01' });
    expect(outgoing.status).toBe(400);
    expect((outgoing.body.errors as { field: string }[])[0].field).toBe('outgoingPersonId');

    const closed = await directory.school(cityId, { closedOn: '2022-06-30' });
    expect((await transition(closed, { role: 'principal', incomingPersonId: james, effectiveDate: '2022-07-01' })).body).toMatchObject({
      status: 409,
      code: 'school_closed',
    });
    // Nothing above changed the history.
    expect(await holders(`/v1/schools/${school}`, 'principal', '2030-01-01')).toEqual([maria]);
  });

  it('lets a person hold several roles and multi-holder roles have several holders; outgoingPersonId ends one', async () => {
    const school = await directory.school(cityId);
    expect((await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2022-07-01' })).status).toBe(201);
    expect((await transition(school, { role: 'assistant_principal', incomingPersonId: maria, effectiveDate: '2022-07-01' })).status).toBe(201);
    expect((await transition(school, { role: 'assistant_principal', incomingPersonId: james, effectiveDate: '2022-09-01' })).status).toBe(201);
    expect((await transition(school, { role: 'assistant_principal', incomingPersonId: james, effectiveDate: '2022-10-01' })).status).toBe(409);
    expect(await holders(`/v1/schools/${school}`, 'assistant_principal', '2022-09-01')).toEqual([maria, james]);

    const swap = await transition(school, { role: 'assistant_principal', outgoingPersonId: maria, incomingPersonId: ana, effectiveDate: '2023-01-09' });
    expect(swap.status).toBe(201);
    expect(swap.body).toMatchObject({ outgoingPersonId: maria, incomingPersonId: ana });
    expect(await holders(`/v1/schools/${school}`, 'assistant_principal', '2023-01-08')).toEqual([maria, james]);
    expect(await holders(`/v1/schools/${school}`, 'assistant_principal', '2023-01-09')).toEqual([james, ana]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-01-09')).toEqual([maria]);
    // Maria no longer holds it: ending her tenure again is a conflict.
    expect(
      (await transition(school, { role: 'assistant_principal', outgoingPersonId: maria, incomingPersonId: null, effectiveDate: '2023-02-01' })).status,
    ).toBe(409);
  });

  it('corrects the latest transition with a new record, keeping the original readable and flagged', async () => {
    const school = await directory.school(cityId);
    const first = await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2019-07-01' });
    const mistaken = await transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2023-07-01' });
    expect(mistaken.status).toBe(201);

    // Only the latest transition of the role can be corrected; a reason is required.
    const stale = await call(h, 'POST', `/v1/schools/${school}/leadership-transitions/${String(first.body.id)}/corrections`, ADMIN, {
      incomingPersonId: ana,
      effectiveDate: '2019-08-01',
      reason: 'typo',
    });
    expect(stale.status).toBe(409);
    const corrections = `/v1/schools/${school}/leadership-transitions/${String(mistaken.body.id)}/corrections`;
    expect((await call(h, 'POST', corrections, ADMIN, { incomingPersonId: ana, effectiveDate: '2023-08-01' })).status).toBe(400);

    const correction = await call(h, 'POST', corrections, ADMIN, {
      incomingPersonId: ana,
      effectiveDate: '2023-08-01',
      reason: 'Ana was appointed, in August',
    });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({
      supersedesTransitionId: mistaken.body.id,
      outgoingPersonId: maria,
      incomingPersonId: ana,
      effectiveDate: '2023-08-01',
      reason: 'Ana was appointed, in August',
    });

    const history = await call(h, 'GET', `/v1/schools/${school}/leadership-history`, ADMIN);
    const transitions = history.body.transitions as Record<string, unknown>[];
    expect(transitions.map((t) => [t.id, t.supersededByTransitionId])).toEqual([
      [first.body.id, null],
      [mistaken.body.id, correction.body.id],
      [correction.body.id, null],
    ]);
    const tenures = history.body.tenures as Record<string, unknown>[];
    expect(tenures.map((t) => [t.personId, t.startDate, t.endDate, t.superseded])).toEqual([
      [maria, '2019-07-01', '2023-06-30', true],
      [maria, '2019-07-01', '2023-07-31', false],
      [james, '2023-07-01', null, true],
      [ana, '2023-08-01', null, false],
    ]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-07-15')).toEqual([maria]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-08-01')).toEqual([ana]);

    // The corrected record cannot be corrected again; the correction can.
    expect((await call(h, 'POST', corrections, ADMIN, { incomingPersonId: james, effectiveDate: '2023-09-01', reason: 'again' })).status).toBe(409);
    const again = await call(h, 'POST', `/v1/schools/${school}/leadership-transitions/${String(correction.body.id)}/corrections`, ADMIN, {
      incomingPersonId: null,
      effectiveDate: '2023-08-01',
      reason: 'Left vacant',
    });
    expect(again.status).toBe(201);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-08-01')).toEqual([]);
    expect(await holders(`/v1/schools/${school}`, 'principal', '2023-07-31')).toEqual([maria]);
  });

  it("records transitions inside a caller's unit of work, all or nothing (as a CSV import does)", async () => {
    const leadership = h.service.app.get(LeadershipService);
    const unitOfWork = h.service.app.get(UnitOfWork);
    const admin = { subject: 'importer', role: 'network_admin' as const, cities: [] };
    const [one, two] = [await directory.school(cityId), await directory.school(cityId)];
    await unitOfWork.run(async (tx) => {
      await leadership.recordTransition(tx, 'school', one, { role: 'principal', incomingPersonId: maria, effectiveDate: '2021-07-01' }, admin);
      await leadership.recordTransition(tx, 'school', one, { role: 'principal', incomingPersonId: james, effectiveDate: '2022-07-01' }, admin);
    });
    expect(await holders(`/v1/schools/${one}`, 'principal', '2022-06-30')).toEqual([maria]);
    expect(await holders(`/v1/schools/${one}`, 'principal', '2022-07-01')).toEqual([james]);

    const failed = unitOfWork.run(async (tx) => {
      await leadership.recordTransition(tx, 'school', two, { role: 'principal', incomingPersonId: ana, effectiveDate: '2021-07-01' }, admin);
      await leadership.recordTransition(tx, 'school', two, { role: 'principal', incomingPersonId: ana, effectiveDate: '2022-07-01' }, admin);
    });
    await expect(failed).rejects.toThrow(/already holds/);
    const history = await call(h, 'GET', `/v1/schools/${two}/leadership-history`, ADMIN);
    expect(history.body).toMatchObject({ tenures: [], transitions: [] });
  });

  it('applies exactly one of two concurrent transitions of the same school', async () => {
    const school = await directory.school(cityId);
    expect((await transition(school, { role: 'principal', incomingPersonId: maria, effectiveDate: '2020-07-01' })).status).toBe(201);
    const [a, b] = await Promise.all([
      transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2024-07-01' }),
      transition(school, { role: 'principal', incomingPersonId: james, effectiveDate: '2024-07-01' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const history = await call(h, 'GET', `/v1/schools/${school}/leadership-history?role=principal`, ADMIN);
    expect((history.body.tenures as unknown[]).length).toBe(2);
    expect((history.body.transitions as unknown[]).length).toBe(2);

    // Two first appointments of different people to a vacant chief role: still one wins.
    const org = await directory.organization(cityId);
    const appointments = await Promise.all(
      [maria, ana].map((personId) =>
        call(h, 'POST', `/v1/organizations/${org}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: personId, effectiveDate: '2024-07-01' }),
      ),
    );
    expect(appointments.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await holders(`/v1/organizations/${org}`, 'chief', '2024-07-01')).toHaveLength(1);
  });

  it('handles chiefs at organizations the same way and publishes every transition and correction on schools.leadership.v1', async () => {
    const org = await directory.organization(cityId);
    const path = `/v1/organizations/${org}`;
    const appointed = await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: maria, effectiveDate: '2018-01-01' });
    expect(appointed.status).toBe(201);
    expect(appointed.body).toMatchObject({ holderKind: 'organization', holderId: org, role: 'chief' });
    expect(
      (await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'principal', incomingPersonId: maria, effectiveDate: '2018-01-01' })).status,
    ).toBe(400);
    const replaced = await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: james, effectiveDate: '2022-02-01' });
    const corrected = await call(h, 'POST', `${path}/leadership-transitions/${String(replaced.body.id)}/corrections`, ADMIN, {
      incomingPersonId: james,
      effectiveDate: '2022-03-01',
      reason: 'Start date was March',
    });
    expect(corrected.status).toBe(201);
    expect(await holders(path, 'chief', '2022-02-15')).toEqual([maria]);

    const events = await readEvents(h.cluster.bootstrapServers, 'schools.leadership.v1', (e) => e.key === org, 3);
    expect(events.map((e) => e.type)).toEqual(['schools.leadership.transitioned', 'schools.leadership.transitioned', 'schools.leadership.transitioned']);
    expect(events.every((e) => e.cityId === cityId && e.version === 1)).toBe(true);
    expect(events[0].payload).toEqual({
      transitionId: appointed.body.id,
      holderKind: 'organization',
      holderId: org,
      cityId,
      role: 'chief',
      outgoingPersonId: null,
      incomingPersonId: maria,
      effectiveDate: '2018-01-01',
      reason: null,
      endedTenureId: null,
      startedTenureId: appointed.body.startedTenureId,
      supersedesTransitionId: null,
    });
    expect(events[1].payload).toMatchObject({
      transitionId: replaced.body.id,
      outgoingPersonId: maria,
      incomingPersonId: james,
      effectiveDate: '2022-02-01',
      endedTenureId: appointed.body.startedTenureId,
    });
    expect(events[2].payload).toMatchObject({
      transitionId: corrected.body.id,
      supersedesTransitionId: replaced.body.id,
      outgoingPersonId: maria,
      incomingPersonId: james,
      effectiveDate: '2022-03-01',
      endedTenureId: corrected.body.endedTenureId,
      startedTenureId: corrected.body.startedTenureId,
      reason: 'Start date was March',
    });
  });
});

// Compacts over HTTP on MariaDB and the dev Kafka cluster: signatures record the role each signer held that
// day; whether the signer is still in that role follows the leadership transitions (with the service's clock
// moved across a chief transition); validation, paging, city scope; the events on schools.compacts.v1.
import { Clock } from '@crosswalk/platform';
import { Directory, type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

const ADMIN = token('network_admin');

describe('compacts', () => {
  let h: Harness;
  let directory: Directory;
  let today: jest.SpyInstance<string, []>;
  let cityId: string;
  let otherCityId: string;
  let district: string;
  let cmo: string;
  let network: string;
  let elsewhere: string;
  let maria: string;
  let james: string;
  let ana: string;

  const appoint = (org: string, role: string, personId: string | null, effectiveDate: string) =>
    call(h, 'POST', `/v1/organizations/${org}/leadership-transitions`, ADMIN, { role, incomingPersonId: personId, effectiveDate });

  beforeAll(async () => {
    h = await startSchools('compacts');
    today = jest.spyOn(h.service.app.get(Clock), 'today');
    directory = new Directory(h.dataSource);
    cityId = await directory.city('Denver');
    otherCityId = await directory.city('Oakland');
    district = await directory.organization(cityId, 'Denver Public Schools');
    cmo = await directory.organization(cityId, 'Mile High Charter Network');
    network = await directory.organization(cityId, 'Denver Independent Schools');
    elsewhere = await directory.organization(otherCityId, 'Oakland Unified');
    maria = await directory.person('Maria Lopez');
    james = await directory.person('James Carter');
    ana = await directory.person('Ana Ruiz');
    expect((await appoint(district, 'chief', maria, '2020-01-01')).status).toBe(201);
    expect((await appoint(cmo, 'board_chair', james, '2021-01-01')).status).toBe(201);
  });

  afterAll(async () => {
    today?.mockRestore();
    await h?.close();
  });

  it("records each signer's role on the signing day and follows it across a chief transition", async () => {
    today.mockReturnValue('2025-01-01');
    const created = await call(h, 'POST', '/v1/compacts', ADMIN, {
      cityId,
      title: 'Denver Collaboration Compact',
      signedOn: '2024-05-01',
      signatories: [
        { organizationId: district, personId: maria },
        { organizationId: cmo, personId: james },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      cityId,
      title: 'Denver Collaboration Compact',
      signedOn: '2024-05-01',
      signatories: [
        {
          organizationId: district,
          organizationName: 'Denver Public Schools',
          personId: maria,
          fullName: 'Maria Lopez',
          roleAtSigning: 'chief',
          signedOn: '2024-05-01',
          stillInRole: true,
          currentChief: { personId: maria, fullName: 'Maria Lopez', since: '2020-01-01' },
        },
        { organizationId: cmo, personId: james, roleAtSigning: 'board_chair', stillInRole: true, currentChief: null },
      ],
    });
    const compactId = String(created.body.id);

    expect((await appoint(district, 'chief', ana, '2025-06-01')).status).toBe(201);
    today.mockReturnValue('2025-05-31');
    const before = await call(h, 'GET', `/v1/compacts/${compactId}`, ADMIN);
    expect(before.body.signatories).toMatchObject([{ stillInRole: true, currentChief: { personId: maria } }, { stillInRole: true }]);
    today.mockReturnValue('2025-06-01');
    const after = await call(h, 'GET', `/v1/compacts/${compactId}`, ADMIN);
    expect(after.status).toBe(200);
    expect(after.body.signatories).toMatchObject([
      { personId: maria, roleAtSigning: 'chief', stillInRole: false, currentChief: { personId: ana, fullName: 'Ana Ruiz', since: '2025-06-01' } },
      { personId: james, stillInRole: true, currentChief: null },
    ]);

    // A later signature by someone holding no role there is recorded with none.
    const added = await call(h, 'POST', `/v1/compacts/${compactId}/signatories`, ADMIN, { organizationId: network, personId: ana, signedOn: '2025-02-01' });
    expect(added.status).toBe(201);
    expect((added.body.signatories as unknown[]).length).toBe(3);
    expect((added.body.signatories as Record<string, unknown>[])[2]).toMatchObject({
      organizationId: network,
      personId: ana,
      roleAtSigning: null,
      signedOn: '2025-02-01',
      stillInRole: false,
      currentChief: null,
    });
    expect((await call(h, 'POST', `/v1/compacts/${compactId}/signatories`, ADMIN, { organizationId: network, personId: james })).status).toBe(409);

    const events = await readEvents(h.cluster.bootstrapServers, 'schools.compacts.v1', (e) => e.key === compactId, 2);
    expect(events.map((e) => e.type)).toEqual(['schools.compact.signed', 'schools.compact.signatory-added']);
    expect(events[0].cityId).toBe(cityId);
    const [first, second] = created.body.signatories as { id: string }[];
    const tenures = await call(h, 'GET', `/v1/organizations/${district}/role-holders?role=chief&on=2024-05-01`, ADMIN);
    const mariaTenure = (tenures.body.holders as { tenureId: string }[])[0].tenureId;
    expect(events[0].payload).toEqual({
      compactId,
      cityId,
      title: 'Denver Collaboration Compact',
      signedOn: '2024-05-01',
      signatories: [
        { signatoryId: first.id, organizationId: district, personId: maria, roleAtSigning: 'chief', tenureId: mariaTenure, signedOn: '2024-05-01' },
        { signatoryId: second.id, organizationId: cmo, personId: james, roleAtSigning: 'board_chair', tenureId: expect.any(String), signedOn: '2024-05-01' },
      ],
    });
    expect(events[1].payload).toEqual({
      compactId,
      cityId,
      signatoryId: (added.body.signatories as { id: string }[])[2].id,
      organizationId: network,
      personId: ana,
      roleAtSigning: null,
      tenureId: null,
      signedOn: '2025-02-01',
    });
  });

  it('refuses an organization twice or from another city (400), unknown organizations and people (404)', async () => {
    const body = (signatories: { organizationId: string; personId: string }[]) => ({ cityId, title: 'Compact', signedOn: '2024-01-01', signatories });
    const twice = await call(
      h,
      'POST',
      '/v1/compacts',
      ADMIN,
      body([
        { organizationId: district, personId: maria },
        { organizationId: district, personId: james },
      ]),
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ field: 'signatories.1.organizationId', messages: ['an organization signs a compact once'] }]);
    const foreign = await call(h, 'POST', '/v1/compacts', ADMIN, body([{ organizationId: elsewhere, personId: maria }]));
    expect(foreign.status).toBe(400);
    expect((foreign.body.errors as { field: string }[])[0].field).toBe('signatories.0.organizationId');
    expect((await call(h, 'POST', '/v1/compacts', ADMIN, body([{ organizationId: 'nope', personId: maria }]))).status).toBe(404);
    expect((await call(h, 'POST', '/v1/compacts', ADMIN, body([{ organizationId: district, personId: 'nope' }]))).status).toBe(404);
    expect(
      (
        await call(h, 'POST', '/v1/compacts', ADMIN, {
          cityId: 'nope',
          title: 'x',
          signedOn: '2024-01-01',
          signatories: [{ organizationId: district, personId: maria }],
        })
      ).status,
    ).toBe(404);
    const empty = await call(h, 'POST', '/v1/compacts', ADMIN, { cityId, title: '', signedOn: '2024-1-1', signatories: [] });
    expect(empty.status).toBe(400);
    expect((empty.body.errors as { field: string }[]).map((f) => f.field).sort()).toEqual(['signatories', 'signedOn', 'title']);
    expect((await call(h, 'GET', '/v1/compacts/nope', ADMIN)).status).toBe(404);
  });

  it("lists compacts by city in pages, within the caller's cities", async () => {
    for (const title of ['Second', 'Third']) {
      expect(
        (await call(h, 'POST', '/v1/compacts', ADMIN, { cityId, title, signedOn: '2024-09-01', signatories: [{ organizationId: cmo, personId: james }] }))
          .status,
      ).toBe(201);
    }
    const foreign = await call(h, 'POST', '/v1/compacts', ADMIN, {
      cityId: otherCityId,
      title: 'Oakland',
      signedOn: '2024-09-01',
      signatories: [{ organizationId: elsewhere, personId: ana }],
    });
    expect(foreign.status).toBe(201);

    const firstPage = await call(h, 'GET', `/v1/compacts?cityId=${cityId}&limit=2`, ADMIN);
    expect(firstPage.status).toBe(200);
    expect((firstPage.body.items as { title: string }[]).map((c) => c.title)).toEqual(['Denver Collaboration Compact', 'Second']);
    const secondPage = await call(h, 'GET', `/v1/compacts?cityId=${cityId}&limit=2&cursor=${String(firstPage.body.nextCursor)}`, ADMIN);
    expect((secondPage.body.items as { title: string }[]).map((c) => c.title)).toEqual(['Third']);
    expect(secondPage.body.nextCursor).toBeNull();

    const operator = token('city_operator', [otherCityId]);
    const mine = await call(h, 'GET', '/v1/compacts', operator);
    expect((mine.body.items as { title: string }[]).map((c) => c.title)).toEqual(['Oakland']);
    expect((await call(h, 'GET', `/v1/compacts?cityId=${cityId}`, operator)).status).toBe(404);
    const denver = (firstPage.body.items as { id: string }[])[0].id;
    expect((await call(h, 'GET', `/v1/compacts/${denver}`, operator)).status).toBe(404);
  });

  it('keeps one compact of a title per city and signing day: 20 identical concurrent requests sign it once, the rest 409', async () => {
    const body = { cityId, title: 'Literacy Pledge', signedOn: '2024-03-01', signatories: [{ organizationId: cmo, personId: james }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(h, 'POST', '/v1/compacts', ADMIN, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'already_exists')).toBe(true);
    // The title compares without case or spacing; a renewal under the same title on another day is another compact.
    expect((await call(h, 'POST', '/v1/compacts', ADMIN, { ...body, title: '  literacy   PLEDGE ' })).status).toBe(409);
    const rows = await h.dataSource.query('SELECT COUNT(*) AS n FROM compact WHERE titleKey = ?', ['literacy pledge']);
    expect(Number(rows[0].n)).toBe(1);
    const renewal = await call(h, 'POST', '/v1/compacts', ADMIN, { ...body, signedOn: '2025-03-01' });
    expect(renewal.status).toBe(201);
    expect((await call(h, 'POST', '/v1/compacts', ADMIN, { ...body, signedOn: '2025-03-01' })).status).toBe(409);
  });
});

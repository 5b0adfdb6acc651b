// The embedded SQLite database of `npm start` (no row locks, dates stored as text): the same transitions,
// corrections, role holders and compact answers as on MariaDB.
import { Clock } from '@crosswalk/platform';
import { Directory, type Harness, call, startSchools, token } from './leadership-fixtures';

const ADMIN = token('network_admin');

describe('leadership and compacts on SQLite', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startSchools('leadership_sqlite', { sqlite: true });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('records, corrects and answers like on MariaDB', async () => {
    const directory = new Directory(h.dataSource);
    const cityId = await directory.city('Denver');
    const org = await directory.organization(cityId, 'Denver Public Schools');
    const [maria, james, ana] = [await directory.person('Maria Lopez'), await directory.person('James Carter'), await directory.person('Ana Ruiz')];
    const path = `/v1/organizations/${org}`;
    expect(
      (await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: maria, effectiveDate: '2020-01-01' })).status,
    ).toBe(201);
    const replaced = await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: james, effectiveDate: '2024-07-01' });
    expect(replaced.status).toBe(201);
    expect((await call(h, 'POST', `${path}/leadership-transitions`, ADMIN, { role: 'chief', incomingPersonId: ana, effectiveDate: '2024-07-01' })).status).toBe(
      409,
    );
    const corrected = await call(h, 'POST', `${path}/leadership-transitions/${String(replaced.body.id)}/corrections`, ADMIN, {
      incomingPersonId: ana,
      effectiveDate: '2024-08-01',
      reason: 'Ana, in August',
    });
    expect(corrected.status).toBe(201);

    const holders = await call(h, 'GET', `${path}/role-holders?role=chief&on=2024-07-15`, ADMIN);
    expect(holders.body).toEqual({
      role: 'chief',
      on: '2024-07-15',
      holders: [{ personId: maria, fullName: 'Maria Lopez', tenureId: corrected.body.endedTenureId, startDate: '2020-01-01', endDate: '2024-07-31' }],
    });
    const history = await call(h, 'GET', `${path}/leadership-history`, ADMIN);
    expect((history.body.tenures as { superseded: boolean }[]).map((t) => t.superseded)).toEqual([true, false, true, false]);

    jest.spyOn(h.service.app.get(Clock), 'today').mockReturnValue('2024-09-01');
    const compact = await call(h, 'POST', '/v1/compacts', ADMIN, {
      cityId,
      title: 'Compact',
      signedOn: '2024-03-01',
      signatories: [{ organizationId: org, personId: maria }],
    });
    expect(compact.status).toBe(201);
    expect(compact.body.signatories).toMatchObject([{ roleAtSigning: 'chief', stillInRole: false, currentChief: { personId: ana, since: '2024-08-01' } }]);
  });
});

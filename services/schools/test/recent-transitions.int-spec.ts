// GET /v1/leadership-transitions: transitions across holders for a city and a period, with the names the
// console's Today screen shows, city-scoped and paged like every list.
import { Directory, type Harness, call, startSchools, token } from './leadership-fixtures';

interface Item {
  id: string;
  holderKind: string;
  holderId: string;
  holderName: string;
  cityId: string;
  effectiveDate: string;
  outgoingPersonName: string | null;
  incomingPersonName: string | null;
  supersededByTransitionId: string | null;
}

describe('GET /v1/leadership-transitions', () => {
  let h: Harness;
  let cityId: string;
  let otherCityId: string;
  let school: string;
  let organization: string;
  let farSchool: string;
  const ADMIN = token('network_admin');

  const transition = async (path: string, body: Record<string, unknown>): Promise<string> => {
    const response = await call(h, 'POST', path, ADMIN, body);
    expect(response.status).toBe(201);
    return String(response.body.id);
  };
  const list = async (query: string, bearer = ADMIN): Promise<{ status: number; items: Item[]; nextCursor: string | null; body: Record<string, unknown> }> => {
    const response = await call(h, 'GET', `/v1/leadership-transitions${query}`, bearer);
    return {
      status: response.status,
      items: (response.body.items ?? []) as Item[],
      nextCursor: (response.body.nextCursor ?? null) as string | null,
      body: response.body,
    };
  };

  beforeAll(async () => {
    h = await startSchools('recent_transitions');
    const directory = new Directory(h.dataSource);
    cityId = await directory.city('Recent City');
    otherCityId = await directory.city('Other City');
    school = await directory.school(cityId);
    organization = await directory.organization(cityId, 'Recent District');
    farSchool = await directory.school(otherCityId);
    const [ada, bo, cy, di] = await Promise.all(['Ada Park', 'Bo Diaz', 'Cy Lee', 'Di Ross'].map((name) => directory.person(name)));
    await transition(`/v1/schools/${school}/leadership-transitions`, { role: 'principal', incomingPersonId: ada, effectiveDate: '2026-01-05' });
    await transition(`/v1/schools/${school}/leadership-transitions`, { role: 'principal', incomingPersonId: bo, effectiveDate: '2026-11-10' });
    await transition(`/v1/organizations/${organization}/leadership-transitions`, { role: 'chief', incomingPersonId: cy, effectiveDate: '2026-11-20' });
    await transition(`/v1/schools/${farSchool}/leadership-transitions`, { role: 'principal', incomingPersonId: di, effectiveDate: '2026-11-15' });
  });

  afterAll(() => h?.close());

  it('lists a city’s transitions in a period with the holder’s and both people’s names', async () => {
    const { status, items } = await list(`?cityId=${cityId}&from=2026-11-01&to=2026-11-30`);
    expect(status).toBe(200);
    expect(items.map((i) => [i.holderKind, i.effectiveDate, i.outgoingPersonName, i.incomingPersonName])).toEqual([
      ['school', '2026-11-10', 'Ada Park', 'Bo Diaz'],
      ['organization', '2026-11-20', null, 'Cy Lee'],
    ]);
    expect(items[1]).toMatchObject({ holderId: organization, holderName: 'Recent District', cityId });
    expect(items[0].holderId).toBe(school);
  });

  it('lists every city for a network-wide role, and pages', async () => {
    const all = await list('?from=2026-11-01');
    expect(all.items.map((i) => i.cityId).sort()).toEqual([cityId, cityId, otherCityId].sort());
    const first = await list('?from=2026-11-01&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?from=2026-11-01&limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    expect(second.nextCursor).toBeNull();
  });

  it('keeps a city operator to its cities: others’ transitions are absent, asking for another city is a 404', async () => {
    const operator = token('city_operator', [cityId]);
    const mine = await list('?from=2026-01-01', operator);
    expect(new Set(mine.items.map((i) => i.cityId))).toEqual(new Set([cityId]));
    expect(mine.items).toHaveLength(3);
    expect((await list(`?cityId=${otherCityId}`, operator)).status).toBe(404);
  });

  it('lets an analyst read, and refuses no token and a malformed date', async () => {
    expect((await list(`?cityId=${cityId}`, token('analyst'))).items).toHaveLength(3);
    expect((await call(h, 'GET', '/v1/leadership-transitions', null)).status).toBe(401);
    const invalid = await list('?from=2026-13-01');
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['from']);
  });
});

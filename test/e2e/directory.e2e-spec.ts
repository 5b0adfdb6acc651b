/**
 * The directory as an admin console uses it, through the gateway with every process running: a spreadsheet
 * import (all or nothing, re-runnable), schools filtered and corrected, a principal's succession with its
 * history and who held the role on a day, city scope and read-only roles at the service behind the gateway,
 * and a closure that ends the open tenure.
 */
import { type Reply, type RunningSystem, call, startSystem, token } from './support';

const admin = token({ role: 'network_admin' });
let system: RunningSystem;
let gw: string;

const post = async (path: string, body: unknown, as = admin): Promise<Reply> => {
  const reply = await call(gw, path, { method: 'POST', token: as, body });
  if (reply.status >= 300) throw new Error(`POST ${path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

async function importCsv(kind: string, csv: string): Promise<Reply> {
  const response = await fetch(`${gw}/v1/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

beforeAll(async () => {
  system = await startSystem();
  gw = system.gateway;
}, 200_000);

afterAll(() => system?.stop());

describe('the directory through the gateway', () => {
  it('imports, filters, corrects, records a succession, scopes by city and closes', async () => {
    const cityId = (await post('/v1/cities', { name: 'Directory City', state: 'OH' })).body.id as string;
    const elsewhere = (await post('/v1/cities', { name: 'Elsewhere', state: 'OH' })).body.id as string;
    const district = (await post('/v1/organizations', { name: 'Directory City Schools', kind: 'district', cityId, ncesLeaId: '3904321' })).body.id as string;

    // A file with a bad row applies nothing and says which line; the fixed file applies; running it again creates nothing.
    const bad = 'fullName,email\nAda Park,ada.park@directory.example\nNo Email,\n';
    const refused = await importCsv('people', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('import_rows_invalid');
    expect([...new Set((refused.body.rowErrors as { line: number }[]).map((e) => e.line))]).toEqual([3]);
    expect((await call(gw, '/v1/people?email=ada.park@directory.example', { token: admin })).body.items).toEqual([]);
    const people = 'fullName,email\nAda Park,ada.park@directory.example\nBo Diaz,BO.DIAZ@directory.example\n';
    expect((await importCsv('people', people)).body).toEqual({ kind: 'people', rows: 2, created: 2, unchanged: 0 });
    expect((await importCsv('people', people)).body).toEqual({ kind: 'people', rows: 2, created: 0, unchanged: 2 });
    const personId = async (email: string): Promise<string> => (await call(gw, `/v1/people?email=${email}`, { token: admin })).body.items[0].id;
    const [ada, bo] = [await personId('ada.park@directory.example'), await personId('bo.diaz@directory.example')];

    const lincoln = (await post('/v1/schools', { name: 'Lincoln Elementry', sector: 'district', cityId, organizationId: district, ncesId: '390432100001' }))
      .body.id as string;
    const academy = (await post('/v1/schools', { name: 'Harbor Academy', sector: 'charter', cityId })).body.id as string;
    await post('/v1/schools', { name: 'Far School', sector: 'charter', cityId: elsewhere });
    const charters = await call(gw, `/v1/schools?cityId=${cityId}&sector=charter`, { token: admin });
    expect((charters.body.items as { id: string }[]).map((s) => s.id)).toEqual([academy]);
    const corrected = await call(gw, `/v1/schools/${lincoln}`, { method: 'PATCH', token: admin, body: { name: 'Lincoln Elementary' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ id: lincoln, name: 'Lincoln Elementary', sector: 'district', status: 'open' });
    const invalid = await call(gw, '/v1/schools', { method: 'POST', token: admin, body: { name: 'X', sector: 'magnet', cityId } });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((f) => f.field)).toEqual(['sector']);

    // A succession: the first appointment, then a change that ends Ada's tenure the day before Bo starts.
    await post(`/v1/schools/${lincoln}/leadership-transitions`, { role: 'principal', incomingPersonId: ada, effectiveDate: '2021-08-01' });
    await post(`/v1/schools/${lincoln}/leadership-transitions`, {
      role: 'principal',
      incomingPersonId: bo,
      effectiveDate: '2024-07-01',
      reason: 'Ada Park retired',
    });
    const backdated = await call(gw, `/v1/schools/${lincoln}/leadership-transitions`, {
      method: 'POST',
      token: admin,
      body: { role: 'principal', incomingPersonId: ada, effectiveDate: '2024-07-01' },
    });
    expect(backdated.body).toMatchObject({ status: 409, code: 'transition_conflict' });
    const history = (await call(gw, `/v1/schools/${lincoln}/leadership-history?role=principal`, { token: admin })).body;
    expect((history.tenures as { personId: string; startDate: string; endDate: string | null }[]).map((t) => [t.personId, t.startDate, t.endDate])).toEqual([
      [ada, '2021-08-01', '2024-06-30'],
      [bo, '2024-07-01', null],
    ]);
    const holder = async (on: string): Promise<string[]> =>
      ((await call(gw, `/v1/schools/${lincoln}/role-holders?role=principal&on=${on}`, { token: admin })).body.holders as { personId: string }[]).map(
        (h) => h.personId,
      );
    expect(await holder('2024-06-30')).toEqual([ada]);
    expect(await holder('2024-07-01')).toEqual([bo]);
    expect(await holder('2021-07-31')).toEqual([]);

    // City scope is checked by the service behind the gateway: another city's school is an unknown id there;
    // analysts read but never write.
    const outsider = token({ role: 'city_operator', cities: [elsewhere] });
    expect((await call(gw, `/v1/schools/${lincoln}`, { token: outsider })).body).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: `School ${lincoln} not found`,
    });
    expect((await call(gw, `/v1/schools/${lincoln}`, { method: 'PATCH', token: outsider, body: { name: 'Taken' } })).status).toBe(404);
    expect(
      (
        await call(gw, `/v1/schools/${lincoln}/leadership-transitions`, {
          method: 'POST',
          token: outsider,
          body: { role: 'principal', incomingPersonId: ada, effectiveDate: '2025-01-01' },
        })
      ).status,
    ).toBe(404);
    const insider = token({ role: 'city_operator', cities: [cityId] });
    expect((await call(gw, `/v1/schools?cityId=${cityId}`, { token: insider })).body.items).toHaveLength(2);
    const analyst = token({ role: 'analyst' });
    expect((await call(gw, `/v1/schools/${lincoln}`, { token: analyst })).status).toBe(200);
    expect((await call(gw, '/v1/schools', { method: 'POST', token: analyst, body: { name: 'Nope', sector: 'district', cityId } })).status).toBe(403);
    expect((await call(gw, `/v1/schools/${lincoln}`, { token: admin })).body.name).toBe('Lincoln Elementary');

    // Closing ends the open tenure on the closing day; the history keeps both tenures.
    await post(`/v1/schools/${lincoln}/close`, { effectiveDate: '2026-06-30' });
    expect((await call(gw, `/v1/schools/${lincoln}`, { token: admin })).body).toMatchObject({ status: 'closed', closedOn: '2026-06-30' });
    const after = (await call(gw, `/v1/schools/${lincoln}/leadership-history?role=principal`, { token: admin })).body;
    expect((after.tenures as { personId: string; endDate: string | null }[]).map((t) => [t.personId, t.endDate])).toEqual([
      [ada, '2024-06-30'],
      [bo, '2026-06-30'],
    ]);
    const closedOnes = await call(gw, `/v1/schools?cityId=${cityId}&status=closed`, { token: admin });
    expect((closedOnes.body.items as { id: string }[]).map((s) => s.id)).toEqual([lincoln]);
  });
});

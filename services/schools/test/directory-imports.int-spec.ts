// CSV imports over HTTP: every row validated and reported by line, nothing applied from a file with an error,
// a re-run of the same file creates nothing, and tenure rows become leadership transitions with their events.
import { type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

async function upload(h: Harness, kind: string, csv: string, bearer: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.service.url}/v1/imports?kind=${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(bearer && { authorization: `Bearer ${bearer}` }) },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('CSV imports', () => {
  let h: Harness;
  let admin: string;
  let denver: string;

  beforeAll(async () => {
    h = await startSchools('imports');
    admin = token('network_admin');
    denver = (await call(h, 'POST', '/v1/cities', admin, { name: 'Denver', state: 'CO' })).body.id as string;
  });
  afterAll(async () => {
    await h?.close();
  });

  const count = async (path: string) => ((await call(h, 'GET', path, admin)).body.items as unknown[]).length;

  it('reports every bad row with its line and imports nothing from that file', async () => {
    const csv = [
      'name,sector,cityId,ncesId',
      `Good School,district,${denver},`,
      `Bad Sector,magnet,${denver},`,
      `Bad Nces,charter,${denver},12345`,
      `Unknown City,charter,01935a7e-0000-7000-8000-00000000dead,`,
    ].join('\n');
    const rejected = await upload(h, 'schools', csv, admin);
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ code: 'import_rows_invalid', detail: 'The schools file was not imported: 3 error(s); nothing was changed' });
    // Malformed cells and what the directory refuses (the unknown city, found by applying the valid rows and
    // rolling back) come back together, in line order.
    expect((rejected.body.rowErrors as { line: number; column?: string; message: string }[]).map((e) => [e.line, e.column ?? e.message])).toEqual([
      [3, 'sector'],
      [4, 'ncesId'],
      [5, 'City 01935a7e-0000-7000-8000-00000000dead not found'],
    ]);
    // A file whose only bad row is found when applying is refused and rolled back too.
    const applied = await upload(h, 'schools', [csv.split('\n')[0], csv.split('\n')[1], csv.split('\n')[4]].join('\n'), admin);
    expect(applied.status).toBe(400);
    expect(applied.body.rowErrors).toEqual([{ line: 3, message: 'City 01935a7e-0000-7000-8000-00000000dead not found' }]);
    expect(await count(`/v1/schools?cityId=${denver}`)).toBe(0);
  });

  it('imports people, schools and tenures, and a re-run of the same files creates nothing', async () => {
    const people = 'fullName,email\n"Lopez, Maria",maria@example.org\nSam Reyes,SAM@example.org\n';
    const schools = `name,sector,cityId,ncesId\nBruce Randolph,district,${denver},080336001234\nSt. Rose,catholic,${denver},\n`;
    expect((await upload(h, 'people', people, admin)).body).toEqual({ kind: 'people', rows: 2, created: 2, unchanged: 0 });
    expect((await upload(h, 'schools', schools, token('city_operator', [denver]))).body).toEqual({ kind: 'schools', rows: 2, created: 2, unchanged: 0 });
    const listed = (await call(h, 'GET', `/v1/schools?cityId=${denver}`, admin)).body.items as { id: string; name: string }[];
    const bruce = listed.find((s) => s.name === 'Bruce Randolph')?.id ?? '';
    const tenures = `schoolId,role,personEmail,startDate\n${bruce},principal,maria@example.org,2019-08-01\n${bruce},principal,sam@example.org,2023-07-01\n`;
    expect((await upload(h, 'tenures', tenures, admin)).body).toEqual({ kind: 'tenures', rows: 2, created: 2, unchanged: 0 });

    expect((await upload(h, 'people', people, admin)).body).toEqual({ kind: 'people', rows: 2, created: 0, unchanged: 2 });
    expect((await upload(h, 'schools', schools, admin)).body).toEqual({ kind: 'schools', rows: 2, created: 0, unchanged: 2 });
    expect((await upload(h, 'tenures', tenures, admin)).body).toEqual({ kind: 'tenures', rows: 2, created: 0, unchanged: 2 });
    expect(await count(`/v1/schools?cityId=${denver}`)).toBe(2);
    expect(await count('/v1/people')).toBe(2);

    const history = (await call(h, 'GET', `/v1/schools/${bruce}/leadership-history?role=principal`, admin)).body;
    expect((history.tenures as { startDate: string; endDate: string | null }[]).map((t) => [t.startDate, t.endDate])).toEqual([
      ['2019-08-01', '2023-06-30'],
      ['2023-07-01', null],
    ]);
    // Only the applied files published anything: the rolled-back "Good School" rows never reached the outbox.
    const created = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.type === 'schools.school.created', 2);
    expect(created.map((e) => e.payload.name).sort()).toEqual(['Bruce Randolph', 'St. Rose']);
    const events = await readEvents(h.cluster.bootstrapServers, 'schools.leadership.v1', (e) => e.key === bruce, 2);
    expect(events.map((e) => [e.payload.effectiveDate, e.payload.reason])).toEqual([
      ['2019-08-01', 'imported'],
      ['2023-07-01', 'imported'],
    ]);
  });

  it('is for writers only, within their cities, and takes only text/csv', async () => {
    const csv = `name,sector,cityId\nX,district,${denver}\n`;
    expect((await upload(h, 'schools', csv, null)).status).toBe(401);
    expect((await upload(h, 'schools', csv, token('analyst'))).status).toBe(403);
    const other = await upload(h, 'schools', csv, token('city_operator', ['01935a7e-0000-7000-8000-0000000000c1']));
    expect(other.status).toBe(400);
    // A city outside the token is reported like an unknown city.
    expect((other.body.rowErrors as { message: string }[])[0].message).toBe(`City ${denver} not found`);
    expect((await upload(h, 'lessons', csv, admin)).status).toBe(400);
    const json = await call(h, 'POST', '/v1/imports?kind=schools', admin, { rows: [] });
    expect(json.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });
});

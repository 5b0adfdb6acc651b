// CSV imports over HTTP: every row validated and reported by line, nothing applied from a file with an error,
// a re-run of the same file creates nothing, and tenure rows become leadership transitions with their events.
// Issue 18: every problem of a file in one answer (widths, cells, bytes), NUL and invalid UTF-8 refused, a row
// limit, and a file of the maximum size imported while the service keeps answering its probes.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Person } from '../src/people/person.entity';
import { type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

/**
 * The largest file this suite's service takes (SCHOOLS_IMPORT_MAX_ROWS; 10,000 by default, see
 * schools.config.spec.ts). Lower here to keep the suite short on a shared CI machine: the loop gets a turn every
 * RECORDS_PER_TURN rows whatever the file's size, so a larger file only makes the import longer.
 */
const MAX_ROWS = 2_000;

async function upload(h: Harness, kind: string, csv: string | Buffer, bearer: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
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
    process.env.SCHOOLS_IMPORT_MAX_ROWS = String(MAX_ROWS);
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

  const people = () => h.dataSource.getRepository(Person).count();
  const problemsOf = (body: Record<string, unknown>) =>
    (body.rowErrors as { line: number; column?: string; message: string }[]).map((e) => [e.line, e.column === 'email' ? e.column : e.message]);

  it('reports all five problems of a file with rows of the wrong width in one answer', async () => {
    // The file of issue 18's kind: two rows of the wrong width used to hide the three bad cells after them.
    const csv = [
      'fullName,email',
      'Ana Ortiz,ana@five.example.org',
      'Ben Ruiz',
      ',cara@five.example.org',
      'Dan Wu,dan@five.example.org,extra',
      'Eve Lin,not-an-email',
      'Fay Kim,fay@five.example.org',
      'Gus Pak,gus-at-five.example.org',
    ].join('\n');
    const before = await people();
    const rejected = await upload(h, 'people', csv, admin);
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ code: 'import_rows_invalid', detail: 'The people file was not imported: 5 error(s); nothing was changed' });
    expect(problemsOf(rejected.body)).toEqual([
      [3, 'expected 2 cells, found 1'],
      [4, 'fullName is required'],
      [5, 'expected 2 cells, found 3'],
      [6, 'email'],
      [8, 'email'],
    ]);
    expect(await people()).toBe(before);
  });

  it('refuses NUL bytes and invalid UTF-8 as errors of their rows, storing nothing', async () => {
    const csv = Buffer.concat([
      Buffer.from('fullName,email\nZoë Brandt,zoe@bytes.example.org\nNu\u0000ll Byte,nul@bytes.example.org\n', 'utf8'),
      // A spreadsheet saved as Latin-1: "Jörg" with 0xF6, which is not UTF-8.
      Buffer.from([0x4a, 0xf6, 0x72, 0x67, 0x20, 0x4b, 0x2c]),
      Buffer.from('jorg@bytes.example.org\nIvy Tan,ivy@bytes.\u0000example.org\n', 'utf8'),
    ]);
    const before = await people();
    const rejected = await upload(h, 'people', csv, admin);
    expect(rejected.status).toBe(400);
    expect(rejected.body.rowErrors).toEqual([
      { line: 3, column: 'fullName', message: 'fullName contains a NUL byte' },
      { line: 4, column: 'fullName', message: 'fullName is not valid UTF-8 text; save the file as CSV UTF-8' },
      { line: 5, column: 'email', message: 'email contains a NUL byte' },
    ]);
    expect(await people()).toBe(before);
    // The same file without the bad rows goes in, its accents intact.
    const clean = await upload(h, 'people', 'fullName,email\nZoë Brandt,zoe@bytes.example.org\n', admin);
    expect(clean.body).toEqual({ kind: 'people', rows: 1, created: 1, unchanged: 0 });
    const zoe = await h.dataSource.getRepository(Person).findOneByOrFail({ email: 'zoe@bytes.example.org' });
    expect(zoe.fullName).toBe('Zoë Brandt');
  });

  const bulkPeople = (rows: number, domain: string) =>
    ['fullName,email', ...Array.from({ length: rows }, (_, i) => `Person ${i},p${i}@${domain}`)].join('\n') + '\n';

  it(`refuses a file of more than ${MAX_ROWS} rows with 413 before applying any of it`, async () => {
    const before = await people();
    const refused = await upload(h, 'people', bulkPeople(MAX_ROWS + 1, 'over.example.org'), token('city_operator', [denver]));
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      code: 'payload_too_large',
      detail: `Import files are limited to ${MAX_ROWS} rows and this one has ${MAX_ROWS + 1}; split the file. Nothing was changed`,
    });
    expect(await people()).toBe(before);
  });

  it(`imports a file of ${MAX_ROWS} rows while /health/live and directory reads keep answering`, async () => {
    const before = await people();
    const file = bulkPeople(MAX_ROWS, 'max.example.org');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const probes: { path: string; status: number; ms: number }[] = [];
    let importing = true;
    const probe = async (path: string, bearer: string | null) => {
      const started = performance.now();
      const response = await fetch(`${h.service.url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
      await response.arrayBuffer();
      probes.push({ path, status: response.status, ms: performance.now() - started });
    };
    // One probe after another for as long as the import runs: a blocked event loop shows up as a probe that
    // waits for the whole import (it took 17 to 44 s before issue 18).
    // Both routes answer once before the import, so that their first (cold) answer is not counted.
    await probe('/health/live', null);
    await probe(`/v1/schools?cityId=${denver}`, admin);
    probes.length = 0;
    const probing = (async () => {
      while (importing) {
        await probe('/health/live', null);
        await probe(`/v1/schools?cityId=${denver}`, admin);
      }
    })();

    loop.enable();
    const importStart = performance.now();
    const imported = await upload(h, 'people', file, admin).finally(() => (importing = false));
    const importMs = performance.now() - importStart;
    loop.disable();
    await probing;

    const slowest = (path: (p: string) => boolean) => Math.max(...probes.filter((p) => path(p.path)).map((p) => p.ms)).toFixed(0);
    console.log(
      `import of ${MAX_ROWS} rows: ${importMs.toFixed(0)} ms; event-loop delay max ${(loop.max / 1e6).toFixed(0)} ms, ` +
        `p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms; ${probes.length} probes, slowest /health/live ` +
        `${slowest((p) => p === '/health/live')} ms, slowest directory read ${slowest((p) => p !== '/health/live')} ms`,
    );
    expect(imported.body).toEqual({ kind: 'people', rows: MAX_ROWS, created: MAX_ROWS, unchanged: 0 });
    expect(await people()).toBe(before + MAX_ROWS);
    // Issue 18 asks to prove that both answer within 1 s during a maximum-size import. This is not a speed
    // benchmark: a probe answers in milliseconds unless the loop is held, so 1 s is a bound with a wide margin
    // that only a blocked loop (or a machine too loaded to run the suite) can break.
    const answered = probes.filter((p) => p.status === 200);
    expect(answered).toEqual(probes);
    expect(probes.filter((p) => p.path === '/health/live').length).toBeGreaterThanOrEqual(2);
    expect(probes.filter((p) => p.path !== '/health/live').length).toBeGreaterThanOrEqual(2);
    expect(probes.filter((p) => p.ms >= 1000)).toEqual([]);
  }, 600_000);
});

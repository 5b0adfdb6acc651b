// Idempotency-Key on POST, through the platform's interceptor, on MariaDB: a retry answers with the first
// response and changes nothing more; another body with the same key is a 422; keys belong to their caller;
// concurrent first requests with one key create one record.
import { signToken } from '@crosswalk/auth';
import { TEST_JWT_SECRET } from '@crosswalk/testing';
import { type Harness, readEvents, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  replayed: string | null;
}

describe('Idempotency-Key', () => {
  let h: Harness;
  const admin = token('network_admin');

  beforeAll(async () => {
    h = await startSchools('idempotency');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function post(path: string, bearer: string, key: string | undefined, body: unknown, contentType = 'application/json'): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, 'content-type': contentType };
    if (key !== undefined) headers['idempotency-key'] = key;
    const response = await fetch(`${h.service.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, replayed: response.headers.get('idempotent-replayed') };
  }

  const citiesNamed = async (name: string): Promise<number> => Number((await h.dataSource.query('SELECT COUNT(*) AS n FROM city WHERE name = ?', [name]))[0].n);

  it('answers a retry with the first response, without a second record or event', async () => {
    const first = await post('/v1/cities', admin, 'retry-1', { name: 'Tulsa', state: 'OK' });
    expect(first).toMatchObject({ status: 201, replayed: null });
    const retry = await post('/v1/cities', admin, 'retry-1', { state: 'OK', name: 'Tulsa' });
    expect(retry).toEqual({ status: 201, body: first.body, replayed: 'true' });
    expect(await citiesNamed('Tulsa')).toBe(1);

    // Without the key the same body is a new request, which the directory refuses as a duplicate.
    expect((await post('/v1/cities', admin, undefined, { name: 'Tulsa', state: 'OK' })).status).toBe(409);
    const created = await readEvents(
      h.cluster.bootstrapServers,
      'schools.directory.v1',
      (e) => e.type === 'schools.city.created' && e.payload.name === 'Tulsa',
      1,
    );
    expect(created.map((e) => e.key)).toEqual([first.body.id]);
  });

  it('refuses the same key for another request with a 422, and writes nothing', async () => {
    await post('/v1/cities', admin, 'reused-1', { name: 'Omaha', state: 'NE' });
    const other = await post('/v1/cities', admin, 'reused-1', { name: 'Wichita', state: 'KS' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await citiesNamed('Wichita')).toBe(0);
    // The same body on another route is another request too.
    expect((await post('/v1/organizations', admin, 'reused-1', { name: 'Omaha', state: 'NE' })).status).toBe(422);
  });

  it('keeps each caller’s keys apart', async () => {
    const otherAdmin = signToken(
      { subject: 'network_admin-2', role: 'network_admin' },
      { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' },
    );
    const mine = await post('/v1/cities', admin, 'shared-key', { name: 'Boise', state: 'ID' });
    const theirs = await post('/v1/cities', otherAdmin, 'shared-key', { name: 'Fargo', state: 'ND' });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('lets a failed request be retried: an error answer is not kept', async () => {
    const invalid = await post('/v1/cities', admin, 'fix-1', { name: 'Reno', state: 'Nevada' });
    expect(invalid.status).toBe(400);
    const fixed = await post('/v1/cities', admin, 'fix-1', { name: 'Reno', state: 'NV' });
    expect(fixed.status).toBe(201);
    expect(await citiesNamed('Reno')).toBe(1);
  });

  it('runs twenty concurrent first requests with one key once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/v1/cities', admin, 'burst-1', { name: 'Akron', state: 'OH' })));
    expect(await citiesNamed('Akron')).toBe(1);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const created = answers.filter((a) => a.status === 201);
    expect(created.filter((a) => a.replayed === null)).toHaveLength(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const inProgress of answers.filter((a) => a.status === 409)) expect(inProgress.body.code).toBe('idempotency_key_in_progress');
  });

  it('refuses a malformed key, and a key on a streamed upload', async () => {
    const spaced = await post('/v1/cities', admin, 'has a space', { name: 'Waco', state: 'TX' });
    expect(spaced.status).toBe(400);
    expect(spaced.body.errors).toEqual([{ field: 'Idempotency-Key', messages: [expect.stringContaining('printable')] }]);
    expect(await citiesNamed('Waco')).toBe(0);
    const upload = await post('/v1/imports?kind=people', admin, 'import-1', 'fullName,email\nAda Lovelace,ada@example.org\n', 'text/csv');
    expect(upload.status).toBe(400);
    expect(upload.body.detail).toMatch(/not accepted here/);
    expect(Number((await h.dataSource.query("SELECT COUNT(*) AS n FROM person WHERE email = 'ada@example.org'"))[0].n)).toBe(0);
  });

  it('documents the header on every JSON POST of the OpenAPI document, and not on the upload', async () => {
    const document = (await (await fetch(`${h.service.url}/docs/json`)).json()) as {
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    };
    const takesKey = (path: string): boolean => (document.paths[path].post?.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
    expect(takesKey('/v1/cities')).toBe(true);
    expect(takesKey('/v1/schools/{id}/close')).toBe(true);
    expect(takesKey('/v1/imports')).toBe(false);
  });
});

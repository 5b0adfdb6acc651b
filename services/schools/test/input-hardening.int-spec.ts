// Hostile or broken input on the directory's write routes (issue 18): every refusal is a 400 naming the field,
// never a 500, and nothing is written. On MariaDB and the dev Kafka cluster.
import { type Harness, Csv, call, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

interface FieldErrors {
  errors?: { field: string; messages: string[] }[];
}

describe('directory input hardening', () => {
  let h: Harness;
  let admin: string;
  let denver: string;
  let organization: string;
  let school: string;
  let person: string;

  beforeAll(async () => {
    h = await startSchools('input_hardening');
    admin = token('network_admin');
    denver = (await call(h, 'POST', '/v1/cities', admin, { name: 'Denver', state: 'CO' })).body.id as string;
    organization = (await call(h, 'POST', '/v1/organizations', admin, { name: 'Denver Public Schools', kind: 'district', cityId: denver })).body.id as string;
    school = (await call(h, 'POST', '/v1/schools', admin, { name: 'Bruce Randolph', sector: 'district', cityId: denver, organizationId: organization })).body
      .id as string;
    person = (await call(h, 'POST', '/v1/people', admin, { fullName: 'Maria Lopez', email: 'maria@example.org' })).body.id as string;
  });
  afterAll(async () => {
    await h?.close();
  });

  const rows = async (table: string): Promise<number> => Number(((await h.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[])[0].n);

  describe('null for a field a PATCH may leave out but not clear', () => {
    it.each([
      ['organization name', () => `/v1/organizations/${organization}`, 'name'],
      ['organization kind', () => `/v1/organizations/${organization}`, 'kind'],
      ['school name', () => `/v1/schools/${school}`, 'name'],
      ['person full name', () => `/v1/people/${person}`, 'fullName'],
      ['person email', () => `/v1/people/${person}`, 'email'],
      ['city name', () => `/v1/cities/${denver}`, 'name'],
      ['city state', () => `/v1/cities/${denver}`, 'state'],
    ])('%s: 400 naming the field, the record unchanged', async (_case, path, field) => {
      const before = await call(h, 'GET', path(), admin);
      const answer = await call(h, 'PATCH', path(), admin, { [field]: null });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed' });
      expect((answer.body as FieldErrors).errors?.map((e) => e.field)).toEqual([field]);
      expect((await call(h, 'GET', path(), admin)).body).toEqual(before.body);
    });

    it('still clears the fields null is documented to clear, and still accepts a plain rename', async () => {
      expect((await call(h, 'PATCH', `/v1/schools/${school}`, admin, { organizationId: null })).body).toMatchObject({ organizationId: null });
      expect((await call(h, 'PATCH', `/v1/cities/${denver}`, admin, { timeZone: null })).body).toMatchObject({ timeZone: null });
      expect((await call(h, 'PATCH', `/v1/organizations/${organization}`, admin, { name: 'DPS' })).body).toMatchObject({ name: 'DPS', kind: 'district' });
    });
  });

  describe('dates that do not exist or are out of range', () => {
    it.each(['2026-02-30', '0000-01-01', '2200-01-01'])('closing a school on %s is a 400 and the school stays open', async (effectiveDate) => {
      const answer = await call(h, 'POST', `/v1/schools/${school}/close`, admin, { effectiveDate });
      expect(answer.status).toBe(400);
      expect((answer.body as FieldErrors).errors?.map((e) => e.field)).toEqual(['effectiveDate']);
      expect((await call(h, 'GET', `/v1/schools/${school}`, admin)).body).toMatchObject({ status: 'open', closedOn: null });
    });

    it('signing a compact on 2026-02-30 is a 400 and no compact is written', async () => {
      const answer = await call(h, 'POST', '/v1/compacts', admin, {
        cityId: denver,
        title: 'Denver Compact',
        signedOn: '2026-02-30',
        signatories: [{ organizationId: organization, personId: person }],
      });
      expect(answer.status).toBe(400);
      expect((answer.body as FieldErrors).errors?.map((e) => e.field)).toEqual(['signedOn']);
      expect(await rows('compact')).toBe(0);
      expect(await rows('compact_signatory')).toBe(0);
    });

    it('a tenures import with 2026-02-30 reports the row and writes no tenure', async () => {
      const csv = `schoolId,role,personEmail,startDate\n${school},principal,maria@example.org,2026-02-30\n`;
      const answer = await call(h, 'POST', '/v1/imports?kind=tenures', admin, new Csv(csv));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'import_rows_invalid', rowErrors: [expect.objectContaining({ line: 2, column: 'startDate' })] });
      expect(await rows('role_tenure')).toBe(0);
    });
  });

  it('refuses a body nested 20,000 levels deep on a write route with 400, not 500', async () => {
    const response = await fetch(`${h.service.url}/v1/schools`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: `{"name":"Deep","sector":"district","cityId":"${denver}","extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'body_too_deep' });
  });
});

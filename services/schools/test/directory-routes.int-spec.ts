// Organizations, schools (with closing) and people over HTTP on MariaDB and the dev Kafka cluster: validation,
// 404/409s, city scope for every role, the events on schools.directory.v1, and a closure ending tenures.
import { type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

describe('directory: organizations, schools, people', () => {
  let h: Harness;
  let admin: string;
  let denver: string;
  let chicago: string;

  beforeAll(async () => {
    h = await startSchools('directory');
    admin = token('network_admin');
    denver = (await call(h, 'POST', '/v1/cities', admin, { name: 'Denver', state: 'CO' })).body.id as string;
    chicago = (await call(h, 'POST', '/v1/cities', admin, { name: 'Chicago', state: 'IL' })).body.id as string;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates, filters, pages and updates organizations and schools, and publishes each change', async () => {
    const operator = token('city_operator', [denver]);
    const dps = await call(h, 'POST', '/v1/organizations', operator, { name: 'Denver Public Schools', kind: 'district', cityId: denver, ncesLeaId: '0803360' });
    expect(dps.status).toBe(201);
    expect(dps.body).toMatchObject({ name: 'Denver Public Schools', kind: 'district', cityId: denver, ncesLeaId: '0803360' });
    const cmo = await call(h, 'POST', '/v1/organizations', admin, { name: 'DSST Public Schools', kind: 'cmo', cityId: denver });
    expect((await call(h, 'POST', '/v1/organizations', admin, { name: 'Copy', kind: 'district', cityId: denver, ncesLeaId: '0803360' })).status).toBe(409);

    const school = await call(h, 'POST', '/v1/schools', operator, { name: 'Bruce Randolph', sector: 'district', cityId: denver, organizationId: dps.body.id, ncesId: '080336001234' });
    expect(school.status).toBe(201);
    expect(school.body).toMatchObject({ sector: 'district', organizationId: dps.body.id, status: 'open', closedOn: null });
    const charter = await call(h, 'POST', '/v1/schools', operator, { name: 'DSST Byers', sector: 'charter', cityId: denver, organizationId: cmo.body.id });
    expect(charter.status).toBe(201);
    expect((await call(h, 'POST', '/v1/schools', admin, { name: 'Twin', sector: 'district', cityId: denver, ncesId: '080336001234' })).status).toBe(409);

    const foreignOrg = await call(h, 'POST', '/v1/organizations', admin, { name: 'CPS', kind: 'district', cityId: chicago });
    const mismatched = await call(h, 'POST', '/v1/schools', admin, { name: 'Wrong', sector: 'district', cityId: denver, organizationId: foreignOrg.body.id });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.fields).toEqual([{ field: 'organizationId', messages: [`organization ${String(foreignOrg.body.id)} is in another city than the school`] }]);

    const charters = await call(h, 'GET', `/v1/schools?cityId=${denver}&sector=charter`, operator);
    expect((charters.body.items as { id: string }[]).map((s) => s.id)).toEqual([charter.body.id]);
    const firstPage = await call(h, 'GET', `/v1/schools?cityId=${denver}&limit=1`, operator);
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await call(h, 'GET', `/v1/schools?cityId=${denver}&limit=1&cursor=${String(firstPage.body.nextCursor)}`, operator);
    expect((secondPage.body.items as { id: string }[])[0].id).not.toBe((firstPage.body.items as { id: string }[])[0].id);
    expect((await call(h, 'GET', `/v1/organizations?cityId=${denver}&kind=cmo`, operator)).body.items).toEqual([cmo.body]);

    const renamed = await call(h, 'PATCH', `/v1/schools/${String(school.body.id)}`, operator, { name: 'Bruce Randolph School' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Bruce Randolph School');

    const events = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === school.body.id, 2);
    expect(events.map((e) => [e.type, e.cityId, e.payload.name])).toEqual([
      ['schools.school.created', denver, 'Bruce Randolph'],
      ['schools.school.updated', denver, 'Bruce Randolph School'],
    ]);
    expect(events[0].actor).toEqual({ kind: 'user', id: 'city_operator-1' });
  });

  it('renames a city (network admins only), refuses a duplicate, and publishes the whole city', async () => {
    const boulder = (await call(h, 'POST', '/v1/cities', admin, { name: 'Bolder', state: 'CO' })).body.id as string;
    const renamed = await call(h, 'PATCH', `/v1/cities/${boulder}`, admin, { name: 'Boulder' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: boulder, name: 'Boulder', state: 'CO' });
    expect((await call(h, 'PATCH', `/v1/cities/${boulder}`, admin, { name: 'Denver' })).status).toBe(409);
    const invalid = await call(h, 'PATCH', `/v1/cities/${boulder}`, admin, { state: 'Colorado' });
    expect(invalid.status).toBe(400);
    expect((invalid.body.fields as { field: string }[]).map((f) => f.field)).toEqual(['state']);
    expect((await call(h, 'PATCH', '/v1/cities/01935a7e-0000-7000-8000-00000000dead', admin, { name: 'Nowhere' })).status).toBe(404);
    const [event] = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.type === 'schools.city.updated' && e.key === boulder, 1);
    expect(event.cityId).toBe(boulder);
    expect(event.payload).toEqual({ cityId: boulder, name: 'Boulder', state: 'CO' });
  });

  it('publishes organization and person changes as their whole state, people with no city', async () => {
    const org = await call(h, 'POST', '/v1/organizations', admin, { name: 'Chicago Catholic Schools', kind: 'diocese', cityId: chicago });
    const patched = await call(h, 'PATCH', `/v1/organizations/${String(org.body.id)}`, admin, { kind: 'independent_network', ncesLeaId: '1709930' });
    expect(patched.body).toMatchObject({ kind: 'independent_network', ncesLeaId: '1709930' });
    const orgEvents = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === org.body.id, 2);
    expect(orgEvents.map((e) => [e.type, e.cityId])).toEqual([
      ['schools.organization.created', chicago],
      ['schools.organization.updated', chicago],
    ]);
    expect(orgEvents[1].payload).toEqual({ organizationId: org.body.id, cityId: chicago, name: 'Chicago Catholic Schools', kind: 'independent_network', ncesLeaId: '1709930' });

    const person = await call(h, 'POST', '/v1/people', admin, { fullName: 'Lee Park', email: 'lee.park@example.org' });
    expect((await call(h, 'PATCH', `/v1/people/${String(person.body.id)}`, admin, { email: 'Lee.Park2@example.org' })).status).toBe(200);
    const personEvents = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === person.body.id, 2);
    expect(personEvents.map((e) => [e.type, e.cityId, e.payload.email])).toEqual([
      ['schools.person.created', null, 'lee.park@example.org'],
      ['schools.person.updated', null, 'Lee.Park2@example.org'],
    ]);
    expect((await call(h, 'GET', '/v1/schools/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
    expect((await call(h, 'GET', '/v1/organizations/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
  });

  it('keeps people unique by email whatever the case', async () => {
    const created = await call(h, 'POST', '/v1/people', admin, { fullName: 'Maria Lopez', email: 'Maria.Lopez@example.org' });
    expect(created.status).toBe(201);
    const twin = await call(h, 'POST', '/v1/people', token('city_operator', [denver]), { fullName: 'M. Lopez', email: 'maria.lopez@EXAMPLE.org' });
    expect(twin.status).toBe(409);
    const found = await call(h, 'GET', '/v1/people?email=MARIA.LOPEZ@example.org', token('analyst'));
    expect(found.body.items).toEqual([created.body]);
    const invalid = await call(h, 'POST', '/v1/people', admin, { fullName: '', email: 'not-an-email', extra: 1 });
    expect(invalid.status).toBe(400);
    expect((invalid.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['email', 'extra', 'fullName']);
    expect((await call(h, 'GET', '/v1/people/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
  });

  it('closes a school once, ending its open tenures on the closing day', async () => {
    const school = await call(h, 'POST', '/v1/schools', admin, { name: 'Closing Academy', sector: 'catholic', cityId: denver });
    const person = await call(h, 'POST', '/v1/people', admin, { fullName: 'Ann Cole', email: 'ann.cole@example.org' });
    const appointed = await call(h, 'POST', `/v1/schools/${String(school.body.id)}/leadership-transitions`, admin, {
      role: 'principal',
      incomingPersonId: person.body.id,
      effectiveDate: '2022-08-01',
    });
    expect(appointed.status).toBe(201);

    expect((await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2022-07-01' })).status).toBe(409);
    const closed = await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2026-06-30' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-06-30' });
    expect((await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2026-07-30' })).status).toBe(409);

    const history = await call(h, 'GET', `/v1/schools/${String(school.body.id)}/leadership-history?role=principal`, admin);
    expect((history.body.tenures as { endDate: string | null }[]).map((t) => t.endDate)).toEqual(['2026-06-30']);
    const [event] = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.type === 'schools.school.closed' && e.key === school.body.id, 1);
    expect(event.payload).toEqual({ schoolId: school.body.id, cityId: denver, effectiveDate: '2026-06-30', endedTenureIds: [appointed.body.startedTenureId] });
  });

  it('answers every route by role: 401 without a token, 403 outside the city or for an analyst writing', async () => {
    const org = (await call(h, 'POST', '/v1/organizations', admin, { name: 'Archdiocese of Denver', kind: 'diocese', cityId: denver })).body.id as string;
    const school = (await call(h, 'POST', '/v1/schools', admin, { name: 'St. Rose', sector: 'catholic', cityId: denver })).body.id as string;
    const person = (await call(h, 'POST', '/v1/people', admin, { fullName: 'Sam Reyes', email: `sam.${Date.now()}@example.org` })).body.id as string;
    const own = token('city_operator', [denver]);
    const other = token('city_operator', [chicago]);
    const analyst = token('analyst');
    const routes: [string, string, unknown, Record<string, number>][] = [
      ['PATCH', `/v1/cities/${denver}`, { name: 'Denver' }, { none: 401, admin: 200, own: 403, other: 403, analyst: 403 }],
      ['POST', '/v1/organizations', { name: 'New Org', kind: 'cmo', cityId: denver }, { none: 401, admin: 201, own: 201, other: 403, analyst: 403 }],
      ['GET', '/v1/organizations', undefined, { none: 401, admin: 200, own: 200, other: 200, analyst: 200 }],
      ['GET', `/v1/organizations?cityId=${denver}`, undefined, { none: 401, admin: 200, own: 200, other: 403, analyst: 200 }],
      ['GET', `/v1/organizations/${org}`, undefined, { none: 401, admin: 200, own: 200, other: 403, analyst: 200 }],
      ['PATCH', `/v1/organizations/${org}`, { name: 'Archdiocese of Denver' }, { none: 401, admin: 200, own: 200, other: 403, analyst: 403 }],
      ['POST', '/v1/schools', { name: 'New School', sector: 'independent', cityId: denver }, { none: 401, admin: 201, own: 201, other: 403, analyst: 403 }],
      ['GET', `/v1/schools?cityId=${denver}`, undefined, { none: 401, admin: 200, own: 200, other: 403, analyst: 200 }],
      ['GET', `/v1/schools/${school}`, undefined, { none: 401, admin: 200, own: 200, other: 403, analyst: 200 }],
      ['PATCH', `/v1/schools/${school}`, { name: 'St. Rose of Lima' }, { none: 401, admin: 200, own: 200, other: 403, analyst: 403 }],
      ['POST', '/v1/people', null, { none: 401, admin: 201, own: 201, other: 201, analyst: 403 }],
      ['GET', '/v1/people', undefined, { none: 401, admin: 200, own: 200, other: 200, analyst: 200 }],
      ['GET', `/v1/people/${person}`, undefined, { none: 401, admin: 200, own: 200, other: 200, analyst: 200 }],
      ['PATCH', `/v1/people/${person}`, { fullName: 'Sam Reyes' }, { none: 401, admin: 200, own: 200, other: 200, analyst: 403 }],
      ['POST', `/v1/schools/${school}/close`, { effectiveDate: '2030-01-01' }, { none: 401, other: 403, analyst: 403, own: 200, admin: 409 }],
    ];
    const bearers: Record<string, string | null> = { none: null, other, analyst, own, admin };
    const seen: string[] = [];
    const expected: string[] = [];
    let n = 0;
    for (const [method, path, body, statuses] of routes) {
      for (const [who, status] of Object.entries(statuses)) {
        n += 1;
        const sent = body === null ? { fullName: 'P', email: `p${n}.${Date.now()}@example.org` } : body;
        seen.push(`${method} ${path} ${who} ${(await call(h, method, path, bearers[who], sent)).status}`);
        expected.push(`${method} ${path} ${who} ${status}`);
      }
    }
    expect(seen).toEqual(expected);
  });
});

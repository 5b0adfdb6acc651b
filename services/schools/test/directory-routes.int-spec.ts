// Organizations, schools (with closing) and people over HTTP on MariaDB and the dev Kafka cluster: validation,
// 404/409s as problem documents, city scope for every role, the events on schools.directory.v1, and a closure ending tenures.
import { SCHOOLS_MIGRATIONS } from '../migrations';
import { SCHOOLS_ENTITIES } from '../src/entities';
import { Csv, type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

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
    expect((await call(h, 'POST', '/v1/organizations', admin, { name: 'Copy', kind: 'district', cityId: denver, ncesLeaId: '0803360' })).body).toMatchObject({
      status: 409,
      code: 'already_exists',
    });
    const malformed = await call(h, 'POST', '/v1/organizations', admin, { name: 'Bad', kind: 'charter_network', cityId: denver, ncesLeaId: '080336' });
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as { field: string }[]).map((f) => f.field).sort()).toEqual(['kind', 'ncesLeaId']);

    const school = await call(h, 'POST', '/v1/schools', operator, {
      name: 'Bruce Randolph',
      sector: 'district',
      cityId: denver,
      organizationId: dps.body.id,
      ncesId: '080336001234',
    });
    expect(school.status).toBe(201);
    expect(school.body).toMatchObject({ sector: 'district', organizationId: dps.body.id, status: 'open', closedOn: null });
    const charter = await call(h, 'POST', '/v1/schools', operator, { name: 'DSST Byers', sector: 'charter', cityId: denver, organizationId: cmo.body.id });
    expect(charter.status).toBe(201);
    expect((await call(h, 'POST', '/v1/schools', admin, { name: 'Twin', sector: 'district', cityId: denver, ncesId: '080336001234' })).status).toBe(409);

    const foreignOrg = await call(h, 'POST', '/v1/organizations', admin, { name: 'CPS', kind: 'district', cityId: chicago });
    const mismatched = await call(h, 'POST', '/v1/schools', admin, { name: 'Wrong', sector: 'district', cityId: denver, organizationId: foreignOrg.body.id });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.errors).toEqual([
      { field: 'organizationId', messages: [`organization ${String(foreignOrg.body.id)} is in another city than the school`] },
    ]);

    const charters = await call(h, 'GET', `/v1/schools?cityId=${denver}&sector=charter`, operator);
    expect((charters.body.items as { id: string }[]).map((s) => s.id)).toEqual([charter.body.id]);
    const firstPage = await call(h, 'GET', `/v1/schools?cityId=${denver}&limit=1`, operator);
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await call(h, 'GET', `/v1/schools?cityId=${denver}&limit=1&cursor=${String(firstPage.body.nextCursor)}`, operator);
    expect((secondPage.body.items as { id: string }[])[0].id).not.toBe((firstPage.body.items as { id: string }[])[0].id);
    expect((await call(h, 'GET', `/v1/organizations?cityId=${denver}&kind=cmo`, operator)).body.items).toEqual([cmo.body]);
    const operated = await call(h, 'GET', `/v1/schools?organizationId=${String(dps.body.id)}`, operator);
    expect((operated.body.items as { id: string }[]).map((s) => s.id)).toEqual([school.body.id]);

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
    expect((invalid.body.errors as { field: string }[]).map((f) => f.field)).toEqual(['state']);
    expect((await call(h, 'PATCH', '/v1/cities/01935a7e-0000-7000-8000-00000000dead', admin, { name: 'Nowhere' })).status).toBe(404);
    const events = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === boulder, 2);
    expect(events.map((e) => [e.type, e.cityId, e.payload])).toEqual([
      ['schools.city.created', boulder, { cityId: boulder, name: 'Bolder', state: 'CO' }],
      ['schools.city.updated', boulder, { cityId: boulder, name: 'Boulder', state: 'CO' }],
    ]);
  });

  it("keeps a city's optional IANA time zone, refuses a name that is not one (400, nothing written), and publishes it", async () => {
    const cities = async (): Promise<number> => Number((await h.dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM city'))[0].n);
    const before = await cities();
    for (const timeZone of ['Mars/Olympus_Mons', '+05:00', 'america/denver', 7]) {
      const refused = await call(h, 'POST', '/v1/cities', admin, { name: 'Fort Collins', state: 'CO', timeZone });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'timeZone', messages: ['timeZone must be an IANA time zone, e.g. America/Denver'] }]);
    }
    expect(await cities()).toBe(before);

    const created = await call(h, 'POST', '/v1/cities', admin, { name: 'Fort Collins', state: 'CO', timeZone: 'America/Denver' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(h, 'GET', `/v1/cities/${id}`, admin)).body).toMatchObject({ name: 'Fort Collins', state: 'CO', timeZone: 'America/Denver' });
    expect((await call(h, 'GET', `/v1/cities/${denver}`, admin)).body).toMatchObject({ name: 'Denver', timeZone: null });

    const invalid = await call(h, 'PATCH', `/v1/cities/${id}`, admin, { timeZone: 'Mountain Time' });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((f) => f.field)).toEqual(['timeZone']);
    expect((await call(h, 'PATCH', `/v1/cities/${id}`, admin, { timeZone: 'America/Phoenix' })).body).toMatchObject({ timeZone: 'America/Phoenix' });
    expect((await call(h, 'PATCH', `/v1/cities/${id}`, admin, { name: 'Fort Collins Metro' })).body).toMatchObject({ timeZone: 'America/Phoenix' });
    expect((await call(h, 'PATCH', `/v1/cities/${id}`, admin, { timeZone: null })).body).toMatchObject({ timeZone: null });

    // The whole city each time; with no time zone the payload has none, as before time zones existed.
    const events = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === id, 4);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['schools.city.created', { cityId: id, name: 'Fort Collins', state: 'CO', timeZone: 'America/Denver' }],
      ['schools.city.updated', { cityId: id, name: 'Fort Collins', state: 'CO', timeZone: 'America/Phoenix' }],
      ['schools.city.updated', { cityId: id, name: 'Fort Collins Metro', state: 'CO', timeZone: 'America/Phoenix' }],
      ['schools.city.updated', { cityId: id, name: 'Fort Collins Metro', state: 'CO' }],
    ]);
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
    expect(orgEvents[1].payload).toEqual({
      organizationId: org.body.id,
      cityId: chicago,
      name: 'Chicago Catholic Schools',
      kind: 'independent_network',
      ncesLeaId: '1709930',
    });

    // People are on the directory without their address (that goes to the restricted contacts topic alone: see
    // person-contacts.int-spec.ts).
    const person = await call(h, 'POST', '/v1/people', admin, { fullName: 'Lee Park', email: 'lee.park@example.org' });
    expect((await call(h, 'PATCH', `/v1/people/${String(person.body.id)}`, admin, { fullName: 'Lee Park-Kim' })).status).toBe(200);
    const personEvents = await readEvents(h.cluster.bootstrapServers, 'schools.directory.v1', (e) => e.key === person.body.id, 2);
    expect(personEvents.map((e) => [e.type, e.version, e.cityId, e.payload])).toEqual([
      ['schools.person.created', 2, null, { personId: person.body.id, fullName: 'Lee Park' }],
      ['schools.person.updated', 2, null, { personId: person.body.id, fullName: 'Lee Park-Kim' }],
    ]);
    expect((await call(h, 'GET', '/v1/schools/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
    expect((await call(h, 'GET', '/v1/organizations/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
  });

  it('keeps people unique by email whatever the case', async () => {
    const created = await call(h, 'POST', '/v1/people', admin, { fullName: 'Maria Lopez', email: 'Maria.Lopez@example.org' });
    expect(created.status).toBe(201);
    const twin = await call(h, 'POST', '/v1/people', token('city_operator', [denver]), { fullName: 'M. Lopez', email: 'maria.lopez@EXAMPLE.org' });
    expect(twin.status).toBe(409);
    expect(twin.body.code).toBe('already_exists');
    const found = await call(h, 'GET', '/v1/people?email=MARIA.LOPEZ@example.org', token('analyst'));
    expect(found.body.items).toEqual([created.body]);
    const invalid = await call(h, 'POST', '/v1/people', admin, { fullName: '', email: 'not-an-email', extra: 1 });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((f) => f.field).sort()).toEqual(['email', 'extra', 'fullName']);
    expect((await call(h, 'GET', '/v1/people/01935a7e-0000-7000-8000-00000000dead', admin)).status).toBe(404);
  });

  it('keeps one school of a name per city: 20 identical concurrent requests create one, the rest 409, renames included', async () => {
    const body = { name: 'Lake Middle School', sector: 'district', cityId: denver };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(h, 'POST', '/v1/schools', admin, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'already_exists')).toBe(true);
    const count = async (key: string): Promise<number> => Number((await h.dataSource.query('SELECT COUNT(*) AS n FROM school WHERE nameKey = ?', [key]))[0].n);
    expect(await count('lake middle school')).toBe(1);
    // Case and spacing do not make another school; another city may have a school of that name.
    expect((await call(h, 'POST', '/v1/schools', admin, { ...body, name: 'LAKE  middle School' })).status).toBe(409);
    expect((await call(h, 'POST', '/v1/schools', admin, { ...body, cityId: chicago })).status).toBe(201);
    const other = await call(h, 'POST', '/v1/schools', admin, { ...body, name: 'Lake International' });
    const rename = await call(h, 'PATCH', `/v1/schools/${String(other.body.id)}`, admin, { name: 'Lake middle school' });
    expect(rename.body).toMatchObject({ status: 409, code: 'already_exists' });
    expect((await call(h, 'GET', `/v1/schools/${String(other.body.id)}`, admin)).body.name).toBe('Lake International');
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

    expect((await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2022-07-01' })).body).toMatchObject({
      status: 409,
      code: 'closure_conflict',
    });
    const closed = await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2026-06-30' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-06-30' });
    expect((await call(h, 'POST', `/v1/schools/${String(school.body.id)}/close`, admin, { effectiveDate: '2026-07-30' })).body).toMatchObject({
      status: 409,
      code: 'closure_conflict',
    });
    const ids = async (status: string) =>
      (await call(h, 'GET', `/v1/schools?cityId=${denver}&status=${status}&limit=200`, admin)).body.items as { id: string; status: string }[];
    expect((await ids('closed')).map((s) => [s.id, s.status])).toEqual([[school.body.id, 'closed']]);
    const open = await ids('open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((s) => s.status === 'open' && s.id !== school.body.id)).toBe(true);

    const history = await call(h, 'GET', `/v1/schools/${String(school.body.id)}/leadership-history?role=principal`, admin);
    expect((history.body.tenures as { endDate: string | null }[]).map((t) => t.endDate)).toEqual(['2026-06-30']);
    const [event] = await readEvents(
      h.cluster.bootstrapServers,
      'schools.directory.v1',
      (e) => e.type === 'schools.school.closed' && e.key === school.body.id,
      1,
    );
    expect(event.payload).toEqual({ schoolId: school.body.id, cityId: denver, effectiveDate: '2026-06-30', endedTenureIds: [appointed.body.startedTenureId] });
  });

  it('answers every route by role: 401 without a token, 404 outside the city, 403 for an analyst writing', async () => {
    const org = (await call(h, 'POST', '/v1/organizations', admin, { name: 'Archdiocese of Denver', kind: 'diocese', cityId: denver })).body.id as string;
    const school = (await call(h, 'POST', '/v1/schools', admin, { name: 'St. Rose', sector: 'catholic', cityId: denver })).body.id as string;
    const person = (await call(h, 'POST', '/v1/people', admin, { fullName: 'Sam Reyes', email: `sam.${Date.now()}@example.org` })).body.id as string;
    const own = token('city_operator', [denver]);
    const other = token('city_operator', [chicago]);
    const analyst = token('analyst');
    const stamp = Date.now();
    const routes = matrix({ denver, org, school, person, stamp });
    const bearers: Record<Caller, string | null> = { none: null, other, analyst, own, admin, service: token('service') };
    const seen: string[] = [];
    const expected: string[] = [];
    let n = 0;
    for (const { route, path, body, makeBody, statuses } of routes) {
      for (const [who, status] of Object.entries(statuses) as [Caller, number][]) {
        n += 1;
        const sent = makeBody ? makeBody(n) : body;
        seen.push(`${route} ${path} ${who} ${(await call(h, route.split(' ')[0], path, bearers[who], sent)).status}`);
        expected.push(`${route} ${path} ${who} ${status}`);
      }
    }
    expect(seen).toEqual(expected);
    // Every caller is tried on every route.
    expect(routes.filter((r) => Object.keys(r.statuses).sort().join() !== 'admin,analyst,none,other,own,service').map((r) => r.route)).toEqual([]);
  });

  it("answers another city's school exactly like an unknown id, as a problem document that does not name the city", async () => {
    const laneTech = (await call(h, 'POST', '/v1/schools', admin, { name: 'Lane Tech', sector: 'district', cityId: chicago })).body.id as string;
    const unknown = '01935a7e-0000-7000-8000-00000000dead';
    const operator = token('city_operator', [denver]);
    for (const id of [laneTech, unknown]) {
      const response = await fetch(`${h.service.url}/v1/schools/${id}`, { headers: { authorization: `Bearer ${operator}` } });
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        type: 'https://crosswalk.dev/problems/not_found',
        title: 'Not found',
        status: 404,
        code: 'not_found',
        detail: `School ${id} not found`,
        instance: `/v1/schools/${id}`,
        requestId: expect.any(String),
      });
      expect(JSON.stringify(body)).not.toContain(chicago);
    }
  });

  it('documents every route, each covered by a role matrix, with an example for every body and response field', async () => {
    const document = (await (await fetch(`${h.service.url}/docs/json`)).json()) as OpenApiDocument;
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const ids = { denver: 'c', org: 'o', school: 's', person: 'p', stamp: 0 };
    const covered = [...new Set([...matrix(ids).map((r) => r.route), ...LEADERSHIP_AND_COMPACT_ROUTES])];
    expect([...documented].sort()).toEqual(covered.sort());

    // Every property of every schema a route takes or answers with (nested ones included) has an example, and
    // so has every query parameter the directory defines (`limit` and `cursor` come from the paging library).
    const missing: string[] = [];
    const visit = (schema: OpenApiSchema | undefined, where: string, seenRefs: Set<string>): void => {
      if (!schema) return;
      const ref = schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref ?? schema.items?.$ref;
      if (ref) {
        if (seenRefs.has(ref)) return;
        seenRefs.add(ref);
        visit(document.components.schemas[ref.replace('#/components/schemas/', '')], ref.split('/').pop() ?? ref, seenRefs);
        return;
      }
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const nested = property.$ref ?? property.allOf?.find((s) => s.$ref)?.$ref ?? property.items?.$ref;
        if (nested) visit(property, `${where}.${name}`, seenRefs);
        else if (property.example === undefined) missing.push(`${where}.${name}`);
      }
    };
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
          if (content.schema.type === 'string' && content.schema.example === undefined) missing.push(`${route} body ${type}`);
          visit(content.schema, `${route} body`, new Set());
        }
        const answers = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (!answers.length) missing.push(`${route} answer`);
        for (const [status, answer] of answers) {
          const schema = answer.content?.['application/json']?.schema;
          if (!schema) missing.push(`${route} ${status} answer schema`);
          visit(schema, `${route} answer`, new Set());
        }
        for (const parameter of operation.parameters ?? []) {
          if (
            parameter.in === 'query' &&
            !['limit', 'cursor'].includes(parameter.name) &&
            parameter.example === undefined &&
            parameter.schema?.example === undefined
          ) {
            missing.push(`${route} ?${parameter.name}`);
          }
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);

    // Every declared error answer is the one problem document.
    expect(document.components.schemas.Problem?.properties?.code).toBeDefined();
    const errorAnswers = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) =>
        Object.entries(operation.responses)
          .filter(([status]) => /^[45]/.test(status))
          .map(([, answer]) => answer.content),
      ),
    );
    expect(errorAnswers.length).toBeGreaterThan(0);
    expect(new Set(errorAnswers.map((content) => JSON.stringify(content)))).toEqual(
      new Set([JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } })]),
    );
  });

  it('creates every table, column and index of the entities through the migrations (no schema sync)', async () => {
    const runner = h.dataSource.createQueryRunner();
    try {
      const drift: string[] = [];
      for (const entity of SCHOOLS_ENTITIES) {
        const metadata = h.dataSource.getMetadata(entity);
        const table = await runner.getTable(metadata.tableName);
        if (!table) {
          drift.push(`${metadata.tableName}: no table`);
          continue;
        }
        const want = metadata.columns.map((c) => `${c.databaseName} ${c.isNullable ? 'null' : 'not null'}`).sort();
        const have = table.columns.map((c) => `${c.name} ${c.isNullable ? 'null' : 'not null'}`).sort();
        if (want.join() !== have.join()) drift.push(`${metadata.tableName}: columns ${have.join(', ')} instead of ${want.join(', ')}`);
        const indexNames = new Set([...table.indices.map((i) => i.name), ...table.uniques.map((u) => u.name)]);
        for (const index of [...metadata.indices.map((i) => i.name), ...metadata.uniques.map((u) => u.name)]) {
          if (!indexNames.has(index)) drift.push(`${metadata.tableName}: no index ${index}`);
        }
      }
      expect(drift).toEqual([]);
      const applied = (await runner.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
      expect(applied.map((m) => m.name)).toEqual(expect.arrayContaining(SCHOOLS_MIGRATIONS.map((m) => m.name)));
    } finally {
      await runner.release();
    }
  });
});

type Caller = 'none' | 'admin' | 'own' | 'other' | 'analyst' | 'service';

interface MatrixRoute {
  /** The route as the OpenAPI document names it. */
  route: string;
  path: string;
  body?: unknown;
  /** Instead of `body`: one made per call, for records that must be new each time. */
  makeBody?: (n: number) => unknown;
  statuses: Record<Caller, number>;
}

/**
 * The directory's routes x every caller. The leadership and compact routes have their own matrix in
 * leadership-security.int-spec.ts (fresh records per cell); LEADERSHIP_AND_COMPACT_ROUTES names them.
 */
function matrix({ denver, org, school, person, stamp }: { denver: string; org: string; school: string; person: string; stamp: number }): MatrixRoute[] {
  const reads = { none: 401, admin: 200, own: 200, other: 200, analyst: 200 };
  // Another city's record, or a city outside the token, answers like an unknown id.
  const ownCityReads = { none: 401, admin: 200, own: 200, other: 404, analyst: 200 };
  const ownCityWrites = (success: number) => ({ none: 401, admin: success, own: success, other: 404, analyst: 403 });
  const routes: (Omit<MatrixRoute, 'statuses'> & { statuses: Omit<MatrixRoute['statuses'], 'service'> })[] = [
    {
      route: 'POST /v1/cities',
      path: '/v1/cities',
      makeBody: (n: number) => ({ name: `Matrix City ${stamp}-${n}`, state: 'CO' }),
      statuses: { none: 401, admin: 201, own: 403, other: 403, analyst: 403 },
    },
    { route: 'GET /v1/cities', path: '/v1/cities', statuses: reads },
    { route: 'GET /v1/cities/{id}', path: `/v1/cities/${denver}`, statuses: ownCityReads },
    {
      route: 'PATCH /v1/cities/{id}',
      path: `/v1/cities/${denver}`,
      body: { name: 'Denver' },
      statuses: { none: 401, admin: 200, own: 403, other: 403, analyst: 403 },
    },
    { route: 'POST /v1/organizations', path: '/v1/organizations', body: { name: 'New Org', kind: 'cmo', cityId: denver }, statuses: ownCityWrites(201) },
    { route: 'GET /v1/organizations', path: '/v1/organizations', statuses: reads },
    { route: 'GET /v1/organizations', path: `/v1/organizations?cityId=${denver}`, statuses: ownCityReads },
    { route: 'GET /v1/organizations/{id}', path: `/v1/organizations/${org}`, statuses: ownCityReads },
    { route: 'PATCH /v1/organizations/{id}', path: `/v1/organizations/${org}`, body: { name: 'Archdiocese of Denver' }, statuses: ownCityWrites(200) },
    {
      route: 'POST /v1/schools',
      path: '/v1/schools',
      // One school of a name per city: each caller names its own.
      makeBody: (n: number) => ({ name: `New School ${n}`, sector: 'independent', cityId: denver }),
      statuses: ownCityWrites(201),
    },
    { route: 'GET /v1/schools', path: '/v1/schools', statuses: reads },
    { route: 'GET /v1/schools', path: `/v1/schools?cityId=${denver}`, statuses: ownCityReads },
    { route: 'GET /v1/schools/{id}', path: `/v1/schools/${school}`, statuses: ownCityReads },
    { route: 'GET /v1/leadership-transitions', path: '/v1/leadership-transitions', statuses: reads },
    { route: 'GET /v1/leadership-transitions', path: `/v1/leadership-transitions?cityId=${denver}`, statuses: ownCityReads },
    { route: 'PATCH /v1/schools/{id}', path: `/v1/schools/${school}`, body: { name: 'St. Rose of Lima' }, statuses: ownCityWrites(200) },
    {
      route: 'POST /v1/people',
      path: '/v1/people',
      makeBody: (n: number) => ({ fullName: 'P', email: `p${n}.${stamp}@example.org` }),
      statuses: { none: 401, admin: 201, own: 201, other: 201, analyst: 403 },
    },
    { route: 'GET /v1/people', path: '/v1/people', statuses: reads },
    { route: 'GET /v1/people', path: '/v1/people?email=p1@example.org', statuses: reads },
    { route: 'GET /v1/people/{id}', path: `/v1/people/${person}`, statuses: reads },
    {
      route: 'PATCH /v1/people/{id}',
      path: `/v1/people/${person}`,
      body: { fullName: 'Sam Reyes' },
      statuses: { none: 401, admin: 200, own: 200, other: 200, analyst: 403 },
    },
    // Another city's rows in a file are reported per row (400 with rowErrors), and nothing is applied.
    {
      route: 'POST /v1/imports',
      path: '/v1/imports?kind=schools',
      makeBody: (n: number) => new Csv(`name,sector,cityId\nImported ${stamp}-${n},district,${denver}\n`),
      statuses: { none: 401, admin: 201, own: 201, other: 400, analyst: 403 },
    },
    {
      route: 'POST /v1/imports',
      path: '/v1/imports?kind=people',
      makeBody: (n: number) => new Csv(`fullName,email\nImported Person,imported${n}.${stamp}@example.org\n`),
      statuses: { none: 401, admin: 201, own: 201, other: 201, analyst: 403 },
    },
    // Last: the operator's close succeeds, so the admin's is the 409 of a second closure.
    {
      route: 'POST /v1/schools/{id}/close',
      path: `/v1/schools/${school}/close`,
      body: { effectiveDate: '2030-01-01' },
      statuses: { none: 401, other: 404, analyst: 403, own: 200, admin: 409 },
    },
  ];
  // A service identity sees every city and writes nothing in the directory.
  return routes.map((r) => ({ ...r, statuses: { ...r.statuses, service: r.route.startsWith('GET ') ? 200 : 403 } }));
}

const LEADERSHIP_AND_COMPACT_ROUTES = ['schools', 'organizations']
  .flatMap((kind) => [
    `POST /v1/${kind}/{id}/leadership-transitions`,
    `POST /v1/${kind}/{id}/leadership-transitions/{transitionId}/corrections`,
    `GET /v1/${kind}/{id}/leadership-history`,
    `GET /v1/${kind}/{id}/role-holders`,
  ])
  .concat(['POST /v1/compacts', 'GET /v1/compacts', 'GET /v1/compacts/{id}', 'POST /v1/compacts/{id}/signatories']);

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  example?: unknown;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; example?: unknown; schema?: OpenApiSchema }[];
        requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
        responses: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, OpenApiSchema> };
}

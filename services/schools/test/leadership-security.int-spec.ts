// Every leadership and compact route x every kind of caller: no token, network admin, a city operator of the
// record's city, a city operator of another city, an analyst and a service identity (both read-only here). Each
// cell gets fresh records so an allowed write really succeeds and a refused one is refused for its caller, not
// for the state.
import { Directory, type Harness, call, startSchools, token } from './leadership-fixtures';

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

type Caller = 'no token' | 'network_admin' | 'city_operator own' | 'city_operator other' | 'analyst' | 'service';
const CALLERS: Caller[] = ['no token', 'network_admin', 'city_operator own', 'city_operator other', 'analyst', 'service'];

describe('leadership and compacts security matrix', () => {
  let h: Harness;
  let directory: Directory;
  let cityId: string;
  let otherCityId: string;
  const ADMIN = token('network_admin');

  const bearer = (caller: Caller): string | null =>
    ({
      'no token': null,
      network_admin: ADMIN,
      'city_operator own': token('city_operator', [cityId]),
      'city_operator other': token('city_operator', [otherCityId]),
      analyst: token('analyst'),
      service: token('service'),
    })[caller];

  const transitioned = async (kind: 'schools' | 'organizations', holderId: string, role: string): Promise<string> => {
    const person = await directory.person('Pat Doe');
    const response = await call(h, 'POST', `/v1/${kind}/${holderId}/leadership-transitions`, ADMIN, {
      role,
      incomingPersonId: person,
      effectiveDate: '2020-01-01',
    });
    expect(response.status).toBe(201);
    return String(response.body.id);
  };
  const compact = async (): Promise<{ id: string; org: string }> => {
    const org = await directory.organization(cityId);
    const response = await call(h, 'POST', '/v1/compacts', ADMIN, {
      cityId,
      // A city signs one compact of a title on a day: each is titled after its organization.
      title: `Compact of ${org}`,
      signedOn: '2024-01-01',
      signatories: [{ organizationId: org, personId: await directory.person('Signer') }],
    });
    expect(response.status).toBe(201);
    return { id: String(response.body.id), org };
  };

  const holderRoutes = (kind: 'schools' | 'organizations', role: string): [string, () => Promise<Request>][] => {
    const holder = (): Promise<string> => (kind === 'schools' ? directory.school(cityId) : directory.organization(cityId));
    return [
      [
        `POST /v1/${kind}/:id/leadership-transitions`,
        async () => ({
          method: 'POST',
          path: `/v1/${kind}/${await holder()}/leadership-transitions`,
          body: { role, incomingPersonId: await directory.person('New Leader'), effectiveDate: '2024-07-01' },
        }),
      ],
      [
        `POST /v1/${kind}/:id/leadership-transitions/:transitionId/corrections`,
        async () => {
          const id = await holder();
          const transitionId = await transitioned(kind, id, role);
          return {
            method: 'POST',
            path: `/v1/${kind}/${id}/leadership-transitions/${transitionId}/corrections`,
            body: { incomingPersonId: await directory.person('Right Person'), effectiveDate: '2020-02-01', reason: 'Wrong person recorded' },
          };
        },
      ],
      [`GET /v1/${kind}/:id/leadership-history`, async () => ({ method: 'GET', path: `/v1/${kind}/${await holder()}/leadership-history?role=${role}` })],
      [`GET /v1/${kind}/:id/role-holders`, async () => ({ method: 'GET', path: `/v1/${kind}/${await holder()}/role-holders?role=${role}&on=2024-01-01` })],
    ];
  };
  const routes = (): [string, () => Promise<Request>][] => [
    ...holderRoutes('schools', 'principal'),
    ...holderRoutes('organizations', 'chief'),
    [
      'POST /v1/compacts',
      async () => {
        const organizationId = await directory.organization(cityId);
        // One compact of a title per city and day: each caller signs its own.
        const body = {
          cityId,
          title: `New compact of ${organizationId}`,
          signedOn: '2024-01-01',
          signatories: [{ organizationId, personId: await directory.person('Signer') }],
        };
        return { method: 'POST', path: '/v1/compacts', body };
      },
    ],
    ['GET /v1/compacts?cityId=', async () => ({ method: 'GET', path: `/v1/compacts?cityId=${cityId}` })],
    ['GET /v1/compacts/:id', async () => ({ method: 'GET', path: `/v1/compacts/${(await compact()).id}` })],
    [
      'POST /v1/compacts/:id/signatories',
      async () => ({
        method: 'POST',
        path: `/v1/compacts/${(await compact()).id}/signatories`,
        body: { organizationId: await directory.organization(cityId), personId: await directory.person('Later Signer') },
      }),
    ],
  ];

  const expected = (caller: Caller, method: Request['method']): number => {
    const success = method === 'GET' ? 200 : 201;
    switch (caller) {
      case 'no token':
        return 401;
      case 'city_operator other':
        // Another city's record answers like an unknown id.
        return 404;
      case 'analyst':
      case 'service':
        return method === 'GET' ? 200 : 403;
      default:
        return success;
    }
  };

  beforeAll(async () => {
    h = await startSchools('leadership_security');
    directory = new Directory(h.dataSource);
    cityId = await directory.city('Denver');
    otherCityId = await directory.city('Oakland');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('allows and refuses exactly as the roles and city scopes say, on every route', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    const names = routes().map(([name]) => name);
    expect(new Set(names).size).toBe(12);
    for (const [name, prepare] of routes()) {
      for (const caller of CALLERS) {
        const request = await prepare();
        const response = await call(h, request.method, request.path, bearer(caller), request.body);
        outcomes.push(`${name} as ${caller}: ${response.status}`);
        wanted.push(`${name} as ${caller}: ${expected(caller, request.method)}`);
      }
    }
    expect(outcomes).toEqual(wanted);
  });

  it("documents every route in the service's OpenAPI document", async () => {
    const document = (await (await fetch(`${h.service.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = routes().map(([name]) => {
      const [method, path] = name.split(' ');
      const openApiPath = path.replace(/\?.*$/, '').replace(/:(\w+)/g, '{$1}');
      return `${method} ${openApiPath} ${document.paths[openApiPath]?.[method.toLowerCase()] ? 'documented' : 'missing'}`;
    });
    expect(documented.filter((line) => line.endsWith('missing'))).toEqual([]);
  });
});

import { ROUTE_TABLE, UPSTREAM_NAMES, matchRoute } from './route-table';

describe('matchRoute', () => {
  it.each([
    ['/v1/cities', 'schools'],
    ['/v1/organizations/o1/leadership-transitions', 'schools'],
    ['/v1/schools', 'schools'],
    ['/v1/schools/s1/close', 'schools'],
    ['/v1/people/p1', 'schools'],
    ['/v1/compacts/c1', 'schools'],
    ['/v1/imports', 'schools'],
    ['/v1/leadership-transitions?cityId=c1', 'schools'],
    ['/v1/events/e1/registrations', 'events'],
    ['/v1/series', 'events'],
    ['/v1/registrations/r1', 'events'],
    ['/v1/transcripts/p1', 'events'],
    ['/v1/calendars/cities/c1.ics', 'events'],
    ['/v1/calendars/subscriptions/s1.ics', 'events'],
    ['/v1/notifications', 'events'],
    ['/v1/offers/t1/accept', 'events'],
    ['/v1/fellowship-programs', 'fellowships'],
    ['/v1/cohorts/c1/fellows', 'fellowships'],
    ['/v1/fellows/f1/placement', 'fellowships'],
    ['/v1/sites', 'colocations'],
    ['/v1/colocations/c1/recommitments', 'colocations'],
    ['/v1/metrics/compacts/c1', 'metrics'],
  ])('routes %s to %s', (path, upstream) => {
    expect(matchRoute(path)?.upstream).toBe(upstream);
  });

  it('matches whole segments only', () => {
    expect(matchRoute('/v1/schoolsX')).toBeUndefined();
    expect(matchRoute('/v1/school')).toBeUndefined();
    expect(matchRoute('/v1/metricsfoo/bar')).toBeUndefined();
  });

  it('ignores the query string and a trailing slash', () => {
    expect(matchRoute('/v1/schools?cityId=c1&sector=charter')).toEqual({ upstream: 'schools', prefix: '/v1/schools' });
    expect(matchRoute('/v1/schools/')).toEqual({ upstream: 'schools', prefix: '/v1/schools' });
    expect(matchRoute('/v1/schools?next=/v1/metrics')?.upstream).toBe('schools');
  });

  it('routes nothing outside the table', () => {
    expect(matchRoute('/v1')).toBeUndefined();
    expect(matchRoute('/v1/')).toBeUndefined();
    expect(matchRoute('/v2/schools')).toBeUndefined();
    expect(matchRoute('/schools')).toBeUndefined();
    expect(matchRoute('/v1/unknown/schools')).toBeUndefined();
    expect(matchRoute('v1/schools')).toBeUndefined();
    expect(matchRoute('/v1/constructor')).toBeUndefined();
    expect(matchRoute('/v1/__proto__')).toBeUndefined();
  });

  it('refuses dot segments, also percent-encoded', () => {
    expect(matchRoute('/v1/schools/../metrics')).toBeUndefined();
    expect(matchRoute('/v1/schools/./s1')).toBeUndefined();
    expect(matchRoute('/v1/schools/%2e%2e/x')).toBeUndefined();
    expect(matchRoute('/v1/schools/.%2E/x')).toBeUndefined();
    expect(matchRoute('/v1/schools/..x')?.upstream).toBe('schools');
  });

  it('prefers the longest prefix', () => {
    const table = { '/v1/metrics': 'metrics', '/v1/metrics/exports/raw': 'schools' } as const;
    expect(matchRoute('/v1/metrics/exports/raw/1', table)).toEqual({ upstream: 'schools', prefix: '/v1/metrics/exports/raw' });
    expect(matchRoute('/v1/metrics/exports/rawer', table)).toEqual({ upstream: 'metrics', prefix: '/v1/metrics' });
  });

  it('sends every service some traffic and names no unknown service', () => {
    const owners = new Set(Object.values(ROUTE_TABLE));
    expect([...owners].sort()).toEqual([...UPSTREAM_NAMES].sort());
    for (const prefix of Object.keys(ROUTE_TABLE)) expect(prefix).toMatch(/^\/v1\/[a-z-]+$/);
  });
});

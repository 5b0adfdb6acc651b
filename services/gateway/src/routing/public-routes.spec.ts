import { PUBLIC_ROUTES, publicPaths } from './public-routes';
import { matchRoute } from './route-table';

describe('public routes', () => {
  it('are the accept and decline links of offers, by GET (a link followed) and POST', () => {
    expect(publicPaths('GET')).toEqual(['offers/:token/accept', 'offers/:token/decline']);
    expect(publicPaths('POST')).toEqual(['offers/:token/accept', 'offers/:token/decline']);
  });

  it('each belong to a service of the route table, and say why they need no token', () => {
    for (const route of PUBLIC_ROUTES) {
      expect(matchRoute(`/v1/${route.path.replace(/:\w+/g, 'x')}`)?.upstream).toBe('events');
      expect(route.why).toBeTruthy();
    }
  });
});

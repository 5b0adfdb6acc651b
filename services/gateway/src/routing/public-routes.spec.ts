import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_ROUTE } from '@crosswalk/observability';
import { ProxyController, PublicProxyController } from '../proxy/proxy.controller';
import { ProxyModule } from '../proxy/proxy.module';
import { PUBLIC_ROUTES } from './public-routes';
import { matchRoute } from './route-table';

/** The method and paths Nest routes to each handler of a controller. */
function routesOf(controller: { prototype: object }): { handler: string; method: RequestMethod; path: unknown }[] {
  const prototype = controller.prototype as Record<string, object>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((handler) => ({
      handler,
      method: Reflect.getMetadata(METHOD_METADATA, prototype[handler]) as RequestMethod,
      path: Reflect.getMetadata(PATH_METADATA, prototype[handler]) as unknown,
    }));
}

describe('PUBLIC_ROUTES', () => {
  it('is exactly these paths: each one opens the API to callers without a token, so adding one is a decision taken here', () => {
    expect(PUBLIC_ROUTES).toEqual({ GET: ['calendars/subscriptions/:secret.ics'] });
  });

  it('names paths that carry a secret and belong to a service of the route table', () => {
    for (const path of Object.values(PUBLIC_ROUTES).flat()) {
      expect(path).toMatch(/(^|\/):[a-z]+/i);
      expect(matchRoute(`/v1/${path.replace(/:([a-z]+)/gi, 'x')}`)).toBeDefined();
    }
  });
});

describe('PublicProxyController', () => {
  it('is public and serves exactly the listed paths, each for its own method only', () => {
    expect(Reflect.getMetadata(PUBLIC_ROUTE, PublicProxyController)).toBe(true);
    const listed = Object.entries(PUBLIC_ROUTES).map(([method, paths]) => ({ method: RequestMethod[method as 'GET'], path: paths }));
    expect(routesOf(PublicProxyController).map(({ method, path }) => ({ method, path }))).toEqual(listed);
  });

  it('comes before the catch-all, which stays behind the token check', () => {
    expect(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ProxyModule)).toEqual([PublicProxyController, ProxyController]);
    expect(Reflect.getMetadata(PUBLIC_ROUTE, ProxyController)).toBeUndefined();
    expect(routesOf(ProxyController)).toEqual([{ handler: 'forward', method: RequestMethod.ALL, path: '*path' }]);
    expect(Reflect.getMetadata(PUBLIC_ROUTE, ProxyController.prototype.forward)).toBeUndefined();
  });
});

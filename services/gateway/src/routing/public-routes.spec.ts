import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_ROUTE } from '@crosswalk/observability';
import { ProxyController } from '../proxy/proxy.controller';
import { ProxyModule } from '../proxy/proxy.module';
import { PublicProxyController } from '../proxy/public-proxy.controller';
import { PUBLIC_ROUTES, publicPaths } from './public-routes';
import { matchRoute } from './route-table';

/** The method and paths Nest routes to each handler of a controller. */
function routesOf(controller: { prototype: object }): { handler: string; method: RequestMethod; path: unknown }[] {
  const prototype = controller.prototype as Record<string, object>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name]) !== undefined)
    .map((handler) => ({
      handler,
      method: Reflect.getMetadata(METHOD_METADATA, prototype[handler]) as RequestMethod,
      path: Reflect.getMetadata(PATH_METADATA, prototype[handler]) as unknown,
    }));
}

describe('PUBLIC_ROUTES', () => {
  it('is exactly these routes: each one opens the API to callers without a token, so adding one is a decision taken here', () => {
    expect(publicPaths('GET')).toEqual(['offers/:token/accept', 'offers/:token/decline', 'calendars/subscriptions/:secret.ics']);
    expect(publicPaths('POST')).toEqual(['offers/:token/accept', 'offers/:token/decline']);
  });

  it('names paths that carry a secret, belong to the events service, and say why they need no token', () => {
    for (const route of PUBLIC_ROUTES) {
      expect(route.path).toMatch(/(^|\/):[a-z]+/i);
      expect(matchRoute(`/v1/${route.path.replace(/:([a-z]+)/gi, 'x')}`)?.upstream).toBe('events');
      expect(route.why).toBeTruthy();
    }
  });
});

describe('PublicProxyController', () => {
  it('is public and serves exactly the listed paths, each for its own methods only', () => {
    expect(Reflect.getMetadata(PUBLIC_ROUTE, PublicProxyController)).toBe(true);
    expect(routesOf(PublicProxyController).map(({ method, path }) => ({ method, path }))).toEqual([
      { method: RequestMethod.GET, path: publicPaths('GET') },
      { method: RequestMethod.POST, path: publicPaths('POST') },
    ]);
  });

  it('comes before the catch-all, which stays behind the token check', () => {
    expect(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ProxyModule)).toEqual([PublicProxyController, ProxyController]);
    expect(Reflect.getMetadata(PUBLIC_ROUTE, ProxyController)).toBeUndefined();
    expect(routesOf(ProxyController)).toEqual([{ handler: 'forward', method: RequestMethod.ALL, path: '*path' }]);
    expect(Reflect.getMetadata(PUBLIC_ROUTE, ProxyController.prototype.forward)).toBeUndefined();
  });
});

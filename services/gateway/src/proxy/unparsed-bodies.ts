import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';

export const UNPARSED_BODIES = Symbol('UNPARSED_BODIES');

/**
 * Keeps request bodies unread so the proxy can stream them. Nest installs its JSON and urlencoded
 * parsers in app.init() unless middleware of those names is already registered (that is how an app
 * brings its own parser); claiming the names while the module is instantiated, before init, has the
 * effect of `bodyParser: false`, which createServiceApp cannot be told yet. The gateway has no route of
 * its own that takes a body. Without this a JSON body would be consumed (and limited to 100 kB) before
 * the proxy sees it, and the upstream would wait for bytes that never come.
 * Replace with `bodyParser: false` in the service definition once the platform offers it.
 */
export const unparsedBodies: Provider = {
  provide: UNPARSED_BODIES,
  inject: [HttpAdapterHost],
  useFactory: (host: HttpAdapterHost): true => {
    const app = host.httpAdapter.getInstance<Express>();
    app.use(function jsonParser(_req: Request, _res: Response, next: NextFunction) {
      next();
    });
    app.use(function urlencodedParser(_req: Request, _res: Response, next: NextFunction) {
      next();
    });
    return true;
  },
};

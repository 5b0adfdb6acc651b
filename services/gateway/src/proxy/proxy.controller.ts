import { All, Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@crosswalk/observability';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { PUBLIC_ROUTES } from '../routing/public-routes';
import { matchRoute } from '../routing/route-table';
import { Forwarder } from './forwarder';

/** Sends the request to the service that owns its path (ROUTE_TABLE), or answers 404 when none does. */
async function forwardToOwner(forwarder: Forwarder, req: Request, res: Response): Promise<void> {
  const route = matchRoute(req.path);
  if (!route) throw new Problem(ProblemCode.NotFound, `No service serves ${req.path}`);
  await forwarder.forward(req, res, route.upstream);
}

/**
 * The paths of PUBLIC_ROUTES, exactly those, forwarded without a token. Registered before ProxyController, so
 * these paths reach here first; any other method or path goes on to the catch-all, which needs a token.
 */
@Public()
@ApiExcludeController()
@Controller('v1')
export class PublicProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  @Get([...PUBLIC_ROUTES.GET])
  forwardGet(@Req() req: Request, @Res() res: Response): Promise<void> {
    return forwardToOwner(this.forwarder, req, res);
  }
}

/**
 * Every other /v1 request. The global AuthGuard has already refused a missing or invalid token (401) by the
 * time this runs, so nothing unauthenticated reaches a service; the services verify the token again.
 */
@ApiExcludeController()
@Controller('v1')
export class ProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  @All('*path')
  forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    return forwardToOwner(this.forwarder, req, res);
  }
}

import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { matchRoute } from '../routing/route-table';
import { Forwarder } from './forwarder';

/**
 * Every /v1 request but the public routes (PublicProxyController). The global AuthGuard has already refused a
 * missing or invalid token (401) by the time this runs, so nothing unauthenticated reaches a service through
 * here; the services verify the token again.
 */
@ApiExcludeController()
@Controller('v1')
export class ProxyController {
  constructor(private readonly forwarder: Forwarder) {}

  @All('*path')
  async forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    const route = matchRoute(req.path);
    if (!route) throw new Problem(ProblemCode.NotFound, `No service serves ${req.path}`);
    await this.forwarder.forward(req, res, route.upstream);
  }
}

import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@crosswalk/observability';
import { PLATFORM_CONFIG, TokenBuckets } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import type { GatewayConfig } from '../gateway.config';
import { publicPaths } from '../routing/public-routes';
import { matchRoute } from '../routing/route-table';
import { Forwarder } from './forwarder';

/**
 * The public routes (routing/public-routes.ts), forwarded without a token. Registered before ProxyController's
 * catch-all, so these exact paths and methods reach here and nothing else does. Besides the /v1 limit every
 * request takes from, each address has a smaller allowance here (PUBLIC_RATE_LIMIT_PER_MINUTE): nobody needs
 * to follow mail links faster, and it slows anyone guessing at them.
 */
@ApiExcludeController()
@Public()
@Controller('v1')
export class PublicProxyController {
  private readonly buckets: TokenBuckets;
  private readonly perMinute: number;

  constructor(
    private readonly forwarder: Forwarder,
    @Inject(PLATFORM_CONFIG) config: GatewayConfig,
  ) {
    this.perMinute = config.PUBLIC_RATE_LIMIT_PER_MINUTE;
    this.buckets = new TokenBuckets({ perMinute: this.perMinute, capacity: this.perMinute });
  }

  @Get(publicPaths('GET'))
  get(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(req, res);
  }

  @Post(publicPaths('POST'))
  post(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(req, res);
  }

  private async forward(req: Request, res: Response): Promise<void> {
    const taken = this.buckets.take(`ip:${req.socket.remoteAddress ?? 'unknown'}`);
    if (!taken.allowed) {
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      throw new Problem(
        ProblemCode.RateLimited,
        `Rate limit of ${this.perMinute} requests per minute for links exceeded; retry in ${taken.retryAfterSeconds} s`,
      );
    }
    const route = matchRoute(req.path);
    if (!route) throw new Problem(ProblemCode.NotFound, `No service serves ${req.path}`);
    await this.forwarder.forward(req, res, route.upstream);
  }
}

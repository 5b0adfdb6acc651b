import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidTokenError, NoCrosswalkRoleError, KeySetUnavailableError, TokenVerifier, bearerToken } from '@crosswalk/auth';
import { PLATFORM_CONFIG, TokenBuckets } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { type GatewayConfig } from '../gateway.config';

/**
 * Per-client token bucket in front of /v1. It runs before the auth guard so unauthenticated floods are
 * throttled too (per IP). The bucket is chosen by the token's subject only when the token verifies:
 * an unverified `sub` would let anyone drain someone else's bucket. Limits are per gateway instance.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly buckets: TokenBuckets;
  private readonly perMinute: number;

  constructor(
    @Inject(PLATFORM_CONFIG) config: GatewayConfig,
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
  ) {
    this.perMinute = config.RATE_LIMIT_PER_MINUTE;
    this.buckets = new TokenBuckets({ perMinute: this.perMinute, capacity: config.RATE_LIMIT_BURST ?? this.perMinute });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const result = this.buckets.take(await this.clientOf(req));
    if (result.allowed) {
      next();
      return;
    }
    // Set before throwing: the problem filter writes the document and keeps headers already set.
    res.setHeader('Retry-After', String(result.retryAfterSeconds));
    throw new Problem(ProblemCode.RateLimited, `Rate limit of ${this.perMinute} requests per minute exceeded; retry in ${result.retryAfterSeconds} s`);
  }

  private async clientOf(req: Request): Promise<string> {
    const token = bearerToken(req.headers.authorization);
    if (token) {
      try {
        return `subject:${(await this.tokens.verify(token)).subject}`;
      } catch (error) {
        // Refused tokens are counted by address; the guard answers them.
        if (!(error instanceof InvalidTokenError || error instanceof NoCrosswalkRoleError || error instanceof KeySetUnavailableError)) throw error;
      }
    }
    return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }
}

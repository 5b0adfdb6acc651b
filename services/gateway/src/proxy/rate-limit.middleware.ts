import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AUTH_SETTINGS, type AuthSettings, InvalidTokenError, bearerToken, verifyToken } from '@crosswalk/auth';
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
    @Inject(AUTH_SETTINGS) private readonly auth: AuthSettings,
  ) {
    this.perMinute = config.RATE_LIMIT_PER_MINUTE;
    this.buckets = new TokenBuckets({ perMinute: this.perMinute, capacity: config.RATE_LIMIT_BURST ?? this.perMinute });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const result = this.buckets.take(this.clientOf(req));
    if (result.allowed) {
      next();
      return;
    }
    // Set before throwing: the problem filter writes the document and keeps headers already set.
    res.setHeader('Retry-After', String(result.retryAfterSeconds));
    throw new Problem(ProblemCode.RateLimited, `Rate limit of ${this.perMinute} requests per minute exceeded; retry in ${result.retryAfterSeconds} s`);
  }

  private clientOf(req: Request): string {
    const token = bearerToken(req.headers.authorization);
    if (token) {
      try {
        return `subject:${verifyToken(token, this.auth).subject}`;
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
      }
    }
    return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }
}

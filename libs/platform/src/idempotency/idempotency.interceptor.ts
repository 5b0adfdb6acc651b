import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type Observable, catchError, from, mergeMap, of } from 'rxjs';
import type { AuthenticatedRequest } from '@crosswalk/auth';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { isValidIdempotencyKey, requestFingerprint } from './idempotency.rules';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WITHOUT_IDEMPOTENCY_KEY = Symbol('WITHOUT_IDEMPOTENCY_KEY');

/**
 * For a POST whose body is a stream rather than JSON (an upload): the interceptor cannot tell two such bodies
 * apart, so a key sent there is refused with `reason` instead of being honoured wrongly.
 */
export const WithoutIdempotencyKey = (reason: string): MethodDecorator & ClassDecorator => SetMetadata(WITHOUT_IDEMPOTENCY_KEY, reason);

/**
 * `Idempotency-Key` on every POST: a retry with the same key and the same request within 24 hours answers
 * with the first response (and `Idempotent-Replayed: true`), without running the use case again; the same key
 * with another request is a 422; a retry while the first is still running is a 409. Keys belong to the
 * caller (the token's subject). Routes without a caller (public links) have no keys to keep.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined || !request.principal) return next.handle();

    const exemption = this.reflector.getAllAndOverride<string | undefined>(WITHOUT_IDEMPOTENCY_KEY, [context.getHandler(), context.getClass()]);
    if (exemption) throw new Problem(ProblemCode.BadRequest, `Idempotency-Key is not accepted here: ${exemption}`);
    const key = Array.isArray(header) ? undefined : header;
    if (key === undefined || !isValidIdempotencyKey(key)) {
      throw Problem.invalid([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be one value of 1 to 128 printable characters without spaces'] }]);
    }

    const response = context.switchToHttp().getResponse<Response>();
    const caller = request.principal.subject;
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    return from(this.store.claim(caller, key, fingerprint, new Date())).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'replay':
            response.status(claim.answer.status);
            response.setHeader('Idempotent-Replayed', 'true');
            if (claim.answer.location) response.setHeader('Location', claim.answer.location);
            return of(claim.answer.body);
          case 'mismatch':
            throw new Problem(ProblemCode.IdempotencyKeyReused, `Idempotency-Key ${key} was already used for a different request`);
          case 'in_progress':
            throw new Problem(
              ProblemCode.IdempotencyKeyInProgress,
              `The first request with Idempotency-Key ${key} is still running; retry once it has answered`,
            );
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                const location = response.getHeader('Location');
                await this.store.complete(caller, key, { status: response.statusCode, body, location: typeof location === 'string' ? location : null });
                return body;
              }),
              catchError(async (error: unknown) => {
                await this.store.release(caller, key);
                throw error;
              }),
            );
        }
      }),
    );
  }
}

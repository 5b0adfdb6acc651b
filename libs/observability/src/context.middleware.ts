import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, correlationIdOf, requestIdOf } from './logging';
import { runWithContext } from './request-context';

/**
 * Opens the request's context before anything else runs, so logs, errors and recorded events all carry
 * the same request and correlation ids; the ids go back in the response headers.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdOf(req);
    const correlationId = correlationIdOf(req, requestId);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    runWithContext({ requestId, correlationId, causationId: null, actor: { kind: 'user', id: 'anonymous' } }, next);
  }
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentContext } from '@crosswalk/observability';
import { type FieldError, Problem, ProblemCode, problemTypeOf } from '@crosswalk/problems';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Absolute, so that the type identifies the problem wherever the document travels (a relative one would
 * resolve against whichever host answered). docs/errors.md describes each code.
 */
export const PROBLEM_TYPE_BASE = 'https://crosswalk.dev/problems/';

/** The one error shape of every Crosswalk service and the gateway: RFC 9457 plus `code`, `errors`, `requestId`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance: string;
  code: ProblemCode;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'requestId']);

export function problemDocument(problem: Problem, instance: string): ProblemDocument {
  const { status, title } = problemTypeOf(problem.code);
  const document: ProblemDocument = {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title,
    status,
    detail: problem.detail,
    instance,
    code: problem.code,
    ...(problem.errors && { errors: problem.errors }),
    requestId: currentContext()?.requestId,
  };
  for (const [name, value] of Object.entries(problem.extensions)) {
    if (!RESERVED.has(name)) document[name] = value;
  }
  return document;
}

/**
 * The code for an HttpException Nest raised itself (an unparseable or oversized body, a route no controller
 * serves, a readiness probe) or one a library threw. A status without a code of its own answers as the
 * nearest general code, so the document's status always matches its code.
 */
function codeOfStatus(status: number): ProblemCode {
  switch (status) {
    case 401:
      return ProblemCode.Unauthorized;
    case 403:
      return ProblemCode.Forbidden;
    case 404:
      return ProblemCode.NotFound;
    case 409:
      return ProblemCode.Conflict;
    case 413:
      return ProblemCode.PayloadTooLarge;
    case 415:
      return ProblemCode.UnsupportedMediaType;
    case 429:
      return ProblemCode.RateLimited;
    case 502:
      return ProblemCode.UpstreamUnavailable;
    case 503:
      return ProblemCode.ServiceUnavailable;
    case 504:
      return ProblemCode.UpstreamTimeout;
    default:
      return status < 500 ? ProblemCode.BadRequest : ProblemCode.Internal;
  }
}

// Members Nest puts in its own exception bodies; the document carries them as status, title and detail.
const NEST_MEMBERS = new Set(['message', 'error', 'statusCode']);

function fromHttpException(exception: HttpException): Problem {
  const response = exception.getResponse();
  const body: Record<string, unknown> = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
  const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
  const extensions = Object.fromEntries(Object.entries(body).filter(([name]) => !NEST_MEMBERS.has(name)));
  return new Problem(codeOfStatus(exception.getStatus()), message, { extensions });
}

/** Anything thrown, as the problem to answer with; internals never reach the caller. */
export function asProblem(exception: unknown): Problem {
  if (exception instanceof Problem) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  return new Problem(ProblemCode.Internal, 'Internal error');
}

/** The request path, without the query: cursors and filters are not part of what went wrong. */
export function problemInstance(request: Request): string {
  return request.originalUrl.split('?')[0];
}

export function writeProblem(res: Response, problem: Problem, instance: string): void {
  res.status(problem.getStatus()).type(PROBLEM_CONTENT_TYPE).json(problemDocument(problem, instance));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    if (!(exception instanceof HttpException)) {
      // Internals stay in the log; the caller gets the request id to quote.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    writeProblem(http.getResponse<Response>(), asProblem(exception), problemInstance(http.getRequest<Request>()));
  }
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { currentContext } from '@crosswalk/observability';

export interface FieldError {
  field: string;
  messages: string[];
}

/** The one error shape of every Crosswalk service and the gateway. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
  details?: Record<string, unknown>;
}

/** A 400 that names each offending field. */
export class FieldValidationException extends HttpException {
  constructor(readonly fields: FieldError[]) {
    super(
      { message: `Invalid request: ${fields.map((f) => f.field).join(', ')}`, fields },
      HttpStatus.BAD_REQUEST,
    );
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function errorBody(status: number, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  return {
    statusCode: status,
    error: REASONS[status] ?? 'Error',
    message,
    ...extra,
    requestId: currentContext()?.requestId,
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (!(exception instanceof HttpException)) {
      // Internals stay in the log; the caller gets the request id to quote.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      res.status(500).json(errorBody(500, 'Internal error'));
      return;
    }
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    const fields = Array.isArray(body.fields) ? (body.fields as FieldError[]) : undefined;
    const details = Object.fromEntries(
      Object.entries(body).filter(([k]) => !['message', 'fields', 'statusCode', 'error'].includes(k)),
    );
    res.status(status).json(
      errorBody(status, message, { ...(fields && { fields }), ...(Object.keys(details).length && { details }) }),
    );
  }
}

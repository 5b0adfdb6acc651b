import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { currentContext } from './request-context';

export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_ID_HEADER = 'x-correlation-id';

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  // Ids from outside are echoed into logs and events: accept only short, plain tokens.
  return first && /^[A-Za-z0-9._:-]{1,128}$/.test(first) ? first : undefined;
}

export function requestIdOf(req: IncomingMessage): string {
  return headerValue(req, REQUEST_ID_HEADER) ?? randomUUID();
}

export function correlationIdOf(req: IncomingMessage, requestId: string): string {
  return headerValue(req, CORRELATION_ID_HEADER) ?? requestId;
}

const QUIET_PATHS = /^\/(health\/|metrics$)/;

const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[A-Za-z0-9]+)?$/i;
const CREDENTIAL_SEGMENT = /^[A-Za-z0-9_.~-]{32,}$/;

/**
 * The URL as logs keep it: a path segment that looks like a credential (32 or more token characters that are
 * not an id, such as a calendar subscription's secret) becomes `[redacted]`; the query string is left as it is.
 * Such URLs exist for callers that cannot send a token, and their secret must not outlive the request in the
 * logs any more than an Authorization header does.
 */
export function redactUrlSecrets(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const redacted = path
    .split('/')
    .map((segment) => (CREDENTIAL_SEGMENT.test(segment) && !ID_SEGMENT.test(segment) ? '[redacted]' : segment))
    .join('/');
  return queryAt < 0 ? redacted : `${redacted}${url.slice(queryAt)}`;
}

/** Structured JSON logs for a service: one line per request, with request and correlation ids. */
export function loggingModule(service: string, level: () => string): DynamicModule {
  // A factory, so the level is read when the app is built, not when its module file is imported.
  return LoggerModule.forRootAsync({
    useFactory: () => ({
      pinoHttp: {
        level: level(),
        base: { service },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        // The context middleware already chose the id; reuse it so logs, responses and events agree.
        genReqId: (req: IncomingMessage) => currentContext()?.requestId ?? requestIdOf(req),
        // The actor is known only once the guard has run, so it goes on the completion line alone.
        customSuccessObject: (_req: IncomingMessage, _res: ServerResponse, fields: Record<string, unknown>) => ({
          ...fields,
          actor: currentContext()?.actor.id,
        }),
        autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
        serializers: {
          req: (req: IncomingMessage & { id?: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrlSecrets(req.url ?? ''),
            correlationId: currentContext()?.correlationId,
          }),
          res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        },
      },
    }),
  });
}

/** A plain logger for code outside Nest's container (start-up failures, CLIs, the relay loop). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service }, messageKey: 'msg', timestamp: pino.stdTimeFunctions.isoTime });
}

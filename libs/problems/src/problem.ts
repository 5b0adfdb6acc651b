import { HttpException } from '@nestjs/common';

/**
 * The stable machine codes of every error answer (the `code` member of a problem document, and the last
 * segment of its `type`). Clients branch on these, so a code is never renamed or reused for another meaning;
 * docs/errors.md describes each one.
 */
export enum ProblemCode {
  ValidationFailed = 'validation_failed',
  BadRequest = 'bad_request',
  InvalidCursor = 'invalid_cursor',
  BodyTooDeep = 'body_too_deep',
  ImportRowsInvalid = 'import_rows_invalid',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  AlreadyExists = 'already_exists',
  TransitionConflict = 'transition_conflict',
  SchoolClosed = 'school_closed',
  ClosureConflict = 'closure_conflict',
  RecommitmentRefused = 'recommitment_refused',
  EventStateConflict = 'event_state_conflict',
  RegistrationRefused = 'registration_refused',
  SurveyRefused = 'survey_refused',
  FellowshipRefused = 'fellowship_refused',
  IdempotencyKeyInProgress = 'idempotency_key_in_progress',
  IdempotencyKeyReused = 'idempotency_key_reused',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  RateLimited = 'rate_limited',
  Internal = 'internal',
  UpstreamUnavailable = 'upstream_unavailable',
  ServiceUnavailable = 'service_unavailable',
  UpstreamTimeout = 'upstream_timeout',
}

/** What every occurrence of a code answers: its HTTP status and RFC 9457 `title`. */
export interface ProblemType {
  status: number;
  title: string;
}

/** The compile-time end of an exhaustive switch: reached only when a case is missing. */
export function assertUnreachable(value: never): never {
  throw new Error(`No answer for ${String(value)}`);
}

/**
 * The one mapping from codes to answers. A switch rather than a lookup table so that a code added to the enum
 * without a case here fails to compile at `assertUnreachable`.
 */
export function problemTypeOf(code: ProblemCode): ProblemType {
  switch (code) {
    case ProblemCode.ValidationFailed:
      return { status: 400, title: 'Invalid request' };
    case ProblemCode.BadRequest:
      return { status: 400, title: 'Malformed request' };
    case ProblemCode.InvalidCursor:
      return { status: 400, title: 'Invalid cursor' };
    case ProblemCode.BodyTooDeep:
      return { status: 400, title: 'Body nested too deeply' };
    case ProblemCode.ImportRowsInvalid:
      return { status: 400, title: 'Import refused' };
    case ProblemCode.Unauthorized:
      return { status: 401, title: 'Unauthorized' };
    case ProblemCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
    case ProblemCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ProblemCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case ProblemCode.AlreadyExists:
      return { status: 409, title: 'Already exists' };
    case ProblemCode.TransitionConflict:
      return { status: 409, title: "Transition contradicts the role's history" };
    case ProblemCode.SchoolClosed:
      return { status: 409, title: 'School is closed' };
    case ProblemCode.ClosureConflict:
      return { status: 409, title: 'School cannot close on that date' };
    case ProblemCode.RecommitmentRefused:
      return { status: 409, title: 'Recommitment refused' };
    case ProblemCode.EventStateConflict:
      return { status: 409, title: 'Event cannot change now' };
    case ProblemCode.RegistrationRefused:
      return { status: 409, title: 'Registration refused' };
    case ProblemCode.SurveyRefused:
      return { status: 409, title: 'Survey refused' };
    case ProblemCode.FellowshipRefused:
      return { status: 409, title: 'Fellowship change refused' };
    case ProblemCode.IdempotencyKeyInProgress:
      return { status: 409, title: 'Request with this Idempotency-Key in progress' };
    case ProblemCode.IdempotencyKeyReused:
      return { status: 422, title: 'Idempotency-Key reused for another request' };
    case ProblemCode.PayloadTooLarge:
      return { status: 413, title: 'Payload too large' };
    case ProblemCode.UnsupportedMediaType:
      return { status: 415, title: 'Unsupported media type' };
    case ProblemCode.RateLimited:
      return { status: 429, title: 'Too many requests' };
    case ProblemCode.Internal:
      return { status: 500, title: 'Internal error' };
    case ProblemCode.UpstreamUnavailable:
      return { status: 502, title: 'Upstream service unavailable' };
    case ProblemCode.ServiceUnavailable:
      return { status: 503, title: 'Service unavailable' };
    case ProblemCode.UpstreamTimeout:
      return { status: 504, title: 'Upstream service timed out' };
    default:
      return assertUnreachable(code);
  }
}

export function statusOf(code: ProblemCode): number {
  return problemTypeOf(code).status;
}

export interface FieldError {
  field: string;
  messages: string[];
}

export interface ProblemOptions {
  /** One entry per offending request field (the `errors` member). */
  errors?: FieldError[];
  /** Further members of the document, e.g. an import's `rowErrors` or the `service` that did not answer. */
  extensions?: Record<string, unknown>;
}

/**
 * What services, libraries and the gateway throw for an error answer. It is an HttpException so that Nest
 * treats it as one anywhere; the platform's filter writes it as an RFC 9457 problem document.
 */
export class Problem extends HttpException {
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail, statusOf(code));
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }

  /**
   * `<what> not found`. Unknown ids and records outside the caller's cities both answer with this, so a
   * token cannot tell whether a record exists in a city it may not see.
   */
  static notFound(what: string): Problem {
    return new Problem(ProblemCode.NotFound, `${what} not found`);
  }

  /** A 400 that names each offending field. */
  static invalid(errors: FieldError[]): Problem {
    return new Problem(ProblemCode.ValidationFailed, `Invalid request: ${errors.map((f) => f.field).join(', ')}`, { errors });
  }
}

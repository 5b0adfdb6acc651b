// Decorator metadata (class-transformer's @Type in the contracts) needs the polyfill before any contract loads.
import 'reflect-metadata';
import { EventEnvelope, type EventContract, PayloadValidationError, findContract, upcastToLatest, validatePayload } from '@crosswalk/contracts';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validate } from 'class-validator';
import type { DeadLetterReason } from './dead-letter';

/** A record that passed every check: the envelope with its payload upcast to, and validated as, the latest version. */
export interface ParsedEvent {
  kind: 'event';
  envelope: EventEnvelope<object>;
  /** The contract of the latest version (the one the payload now satisfies). */
  contract: EventContract;
  /** The version the producer wrote, before upcasting. */
  publishedVersion: number;
}

/** A record that can never be applied as it is: dead-letter it without retrying. */
export interface RejectedRecord {
  kind: 'rejected';
  reason: Extract<DeadLetterReason, 'malformed' | 'unknown-type' | 'invalid-payload'>;
  error: string;
  /** What could be read of the envelope, for logs. */
  eventId?: string;
  type?: string;
  version?: number;
}

export type RecordParseResult = ParsedEvent | RejectedRecord;

// `fatal` makes invalid UTF-8 an error instead of silently becoming U+FFFD and maybe still parsing.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the raw bytes of a record into a checked event. The bytes are parsed here, not by a framework
 * deserializer, so nothing turns them into a string or object before the checks see them (nestjs #3726).
 *
 * Order matters: malformed (not JSON / not an envelope) -> unknown type or version -> payload invalid for
 * its own version -> upcast -> payload invalid for the latest version.
 */
export async function parseEventRecord(value: Buffer | null | undefined): Promise<RecordParseResult> {
  if (!value || value.length === 0) return { kind: 'rejected', reason: 'malformed', error: 'empty record value' };

  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(value));
  } catch (error) {
    return { kind: 'rejected', reason: 'malformed', error: `value is not UTF-8 JSON: ${messageOf(error)}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { kind: 'rejected', reason: 'malformed', error: 'value is not a JSON object' };
  }

  const candidate = plainToInstance(EventEnvelope, raw as Record<string, unknown>);
  const problems = flatten(await validate(candidate));
  // @ValidateNested lets a missing actor through; every event must say who caused it.
  if (candidate.actor === null || typeof candidate.actor !== 'object') problems.push('actor: must be an object');
  const fields = raw as Partial<Record<keyof EventEnvelope, unknown>>;
  const seen = {
    eventId: typeof fields.id === 'string' ? fields.id : undefined,
    type: typeof fields.type === 'string' ? fields.type : undefined,
    version: typeof fields.version === 'number' ? fields.version : undefined,
  };
  if (problems.length) {
    return { kind: 'rejected', reason: 'malformed', error: `not a valid event envelope: ${problems.join('; ')}`, ...seen };
  }

  const published = findContract(candidate.type, candidate.version);
  if (!published) {
    return { kind: 'rejected', reason: 'unknown-type', error: `no contract for ${candidate.type} v${candidate.version}`, ...seen };
  }

  try {
    // Checked against its own version first, so a producer bug is reported as such and not as an upcaster bug.
    const original = await validatePayload(published, candidate.payload);
    const latest = upcastToLatest(candidate.type, candidate.version, plain(original));
    const contract = latest.version === candidate.version ? published : findContract(candidate.type, latest.version);
    if (!contract) {
      return { kind: 'rejected', reason: 'unknown-type', error: `no contract for ${candidate.type} v${latest.version}`, ...seen };
    }
    const payload = latest.version === candidate.version ? original : await validatePayload(contract, latest.payload);
    const envelope: EventEnvelope<object> = {
      id: candidate.id,
      type: candidate.type,
      version: latest.version,
      source: candidate.source,
      occurredAt: candidate.occurredAt,
      cityId: candidate.cityId ?? null,
      key: candidate.key,
      correlationId: candidate.correlationId,
      causationId: candidate.causationId ?? null,
      actor: { kind: candidate.actor.kind, id: candidate.actor.id },
      payload,
    };
    return { kind: 'event', envelope, contract, publishedVersion: candidate.version };
  } catch (error) {
    if (error instanceof PayloadValidationError) {
      return { kind: 'rejected', reason: 'invalid-payload', error: error.message, ...seen };
    }
    // An upcaster that throws cannot turn this payload into the current shape: no retry will change that.
    return { kind: 'rejected', reason: 'invalid-payload', error: `upcast failed: ${messageOf(error)}`, ...seen };
  }
}

/** Upcasters are written against plain JSON-shaped payloads, not class instances. */
function plain(payload: object): object {
  return JSON.parse(JSON.stringify(payload)) as object;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
}

// Decorator metadata (class-transformer's @Type in the contracts) needs the polyfill before any contract loads.
import 'reflect-metadata';
import { DEAD_LETTER_SUFFIX, deadLetterTopicOf } from '@crosswalk/contracts';
import type { IHeaders, Message } from 'kafkajs';
import { headerText } from './headers';

/**
 * Why a record was dead-lettered. The first three are permanent by nature and skip retries; a handler can
 * also declare a failure permanent (`rejected`, see PermanentEventError).
 */
export type DeadLetterReason = 'malformed' | 'unknown-type' | 'invalid-payload' | 'retries-exhausted' | 'rejected';

export const DLQ_HEADERS = {
  error: 'dlq-error',
  reason: 'dlq-reason',
  attempts: 'dlq-attempts',
  consumer: 'dlq-consumer',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  deadLetteredAt: 'dlq-dead-lettered-at',
} as const;

const DLQ_HEADER_PREFIX = 'dlq-';
/** Keeps a stack trace or a huge validation report from bloating every dead letter. */
const MAX_ERROR_CHARS = 2000;

export interface DeadLetterInput {
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  timestamp?: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  reason: DeadLetterReason;
  error: string;
  /** Handler attempts made (0 when the record never reached a handler). */
  attempts: number;
  now?: Date;
}

/**
 * The dead letter for a record: the original key, value bytes and headers untouched (so a redrive republishes
 * exactly what was received), plus `dlq-*` headers saying what went wrong, where, and for whom.
 */
export function deadLetterRecord(input: DeadLetterInput): { topic: string; message: Message } {
  const headers: IHeaders = { ...withoutDeadLetterHeaders(input.headers) };
  headers[DLQ_HEADERS.error] = truncate(input.error, MAX_ERROR_CHARS);
  headers[DLQ_HEADERS.reason] = input.reason;
  headers[DLQ_HEADERS.attempts] = String(input.attempts);
  headers[DLQ_HEADERS.consumer] = input.consumer;
  headers[DLQ_HEADERS.originalTopic] = input.topic;
  headers[DLQ_HEADERS.originalPartition] = String(input.partition);
  headers[DLQ_HEADERS.originalOffset] = input.offset;
  if (input.timestamp !== undefined) headers[DLQ_HEADERS.originalTimestamp] = input.timestamp;
  headers[DLQ_HEADERS.deadLetteredAt] = (input.now ?? new Date()).toISOString();
  return { topic: deadLetterTopicOf(input.topic), message: { key: input.key, value: input.value, headers } };
}

export interface DeadLetterInfo {
  reason: string | undefined;
  error: string | undefined;
  consumer: string | undefined;
  attempts: number | undefined;
  originalTopic: string | undefined;
  originalPartition: number | undefined;
  originalOffset: string | undefined;
}

/** Reads the `dlq-*` headers of a dead letter. */
export function deadLetterInfo(headers: IHeaders | undefined): DeadLetterInfo {
  const num = (name: string): number | undefined => {
    const text = headerText(headers, name);
    return text === undefined || text === '' || Number.isNaN(Number(text)) ? undefined : Number(text);
  };
  return {
    reason: headerText(headers, DLQ_HEADERS.reason),
    error: headerText(headers, DLQ_HEADERS.error),
    consumer: headerText(headers, DLQ_HEADERS.consumer),
    attempts: num(DLQ_HEADERS.attempts),
    originalTopic: headerText(headers, DLQ_HEADERS.originalTopic),
    originalPartition: num(DLQ_HEADERS.originalPartition),
    originalOffset: headerText(headers, DLQ_HEADERS.originalOffset),
  };
}

/**
 * The record a redrive republishes: back to the original topic, same key, value and headers, with the
 * `dlq-*` headers dropped. The original topic comes from the header, else from the DLQ topic's name.
 */
export function redriveRecord(
  deadLetterTopic: string,
  record: { key: Buffer | null; value: Buffer | null; headers?: IHeaders },
): { topic: string; message: Message } {
  const fromName = deadLetterTopic.endsWith(DEAD_LETTER_SUFFIX) ? deadLetterTopic.slice(0, -DEAD_LETTER_SUFFIX.length) : undefined;
  const topic = headerText(record.headers, DLQ_HEADERS.originalTopic) ?? fromName;
  if (!topic) throw new Error(`Cannot tell the original topic of a dead letter on ${deadLetterTopic}`);
  return { topic, message: { key: record.key, value: record.value, headers: withoutDeadLetterHeaders(record.headers) } };
}

export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.startsWith(DLQ_HEADER_PREFIX) && value !== undefined) kept[name] = value;
  }
  return kept;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

import type { EventEnvelope } from '@crosswalk/contracts';
import type { IHeaders } from 'kafkajs';

/**
 * Record headers every published event carries. They duplicate envelope fields so that routers, DLQ tools
 * and analytics consumers can filter without parsing the value.
 */
export const EVENT_HEADERS = {
  type: 'event-type',
  version: 'event-version',
  id: 'event-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  source: 'event-source',
  contentType: 'content-type',
} as const;

export const EVENT_CONTENT_TYPE = 'application/json';

export function envelopeHeaders(envelope: Pick<EventEnvelope, 'id' | 'type' | 'version' | 'correlationId' | 'causationId' | 'source'>): Record<string, string> {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.type]: envelope.type,
    [EVENT_HEADERS.version]: String(envelope.version),
    [EVENT_HEADERS.id]: envelope.id,
    [EVENT_HEADERS.correlationId]: envelope.correlationId,
    [EVENT_HEADERS.source]: envelope.source,
    [EVENT_HEADERS.contentType]: EVENT_CONTENT_TYPE,
  };
  if (envelope.causationId) headers[EVENT_HEADERS.causationId] = envelope.causationId;
  return headers;
}

/** A header's value as text (kafkajs hands headers over as Buffers; a repeated header yields its first value). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

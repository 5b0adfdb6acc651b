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

/**
 * The CloudEvents Kafka protocol binding, binary mode: the attributes as `ce_` headers beside the project's own,
 * so consumers built on a CloudEvents SDK read every record as an event whose data is the envelope (the value).
 * `content-type` is shared with the project's headers.
 */
export const CLOUDEVENTS_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
} as const;

/** The source of a service's events as a CloudEvents URI-reference. */
export const cloudEventSource = (service: string): string => `/crosswalk/${service}`;

/**
 * Which schema the envelope follows: the contract's type and version, as a URN (the JSON Schemas are published
 * under docs/contracts/schemas/<type>.v<version>.json, named the same way).
 */
export const cloudEventDataSchema = (type: string, version: number): string => `urn:crosswalk:schema:${type}.v${version}`;

export type HeaderedEnvelope = Pick<EventEnvelope, 'id' | 'type' | 'version' | 'correlationId' | 'causationId' | 'source' | 'key' | 'occurredAt'>;

export function envelopeHeaders(envelope: HeaderedEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.type]: envelope.type,
    [EVENT_HEADERS.version]: String(envelope.version),
    [EVENT_HEADERS.id]: envelope.id,
    [EVENT_HEADERS.correlationId]: envelope.correlationId,
    [EVENT_HEADERS.source]: envelope.source,
    [EVENT_HEADERS.contentType]: EVENT_CONTENT_TYPE,
  };
  if (envelope.causationId) headers[EVENT_HEADERS.causationId] = envelope.causationId;
  headers[CLOUDEVENTS_HEADERS.specversion] = '1.0';
  headers[CLOUDEVENTS_HEADERS.id] = envelope.id;
  headers[CLOUDEVENTS_HEADERS.source] = cloudEventSource(envelope.source);
  headers[CLOUDEVENTS_HEADERS.type] = envelope.type;
  headers[CLOUDEVENTS_HEADERS.time] = envelope.occurredAt;
  // The aggregate the event is about: the record key (a city, school, event or program id).
  headers[CLOUDEVENTS_HEADERS.subject] = envelope.key;
  headers[CLOUDEVENTS_HEADERS.dataschema] = cloudEventDataSchema(envelope.type, envelope.version);
  return headers;
}

/** A header's value as text (kafkajs hands headers over as Buffers; a repeated header yields its first value). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

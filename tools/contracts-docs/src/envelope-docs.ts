import type { JsonObject } from './json';

/**
 * What each envelope field means, for readers of the published schema. class-validator metadata gives the
 * types; the meaning lives here. The generator refuses to run when an envelope field has no entry, so a new
 * envelope field cannot be published undocumented.
 */
export const ENVELOPE_FIELD_DOCS: Record<string, Record<string, JsonObject>> = {
  EventEnvelope: {
    id: { description: 'Unique id of this event (a UUID). Consumers deduplicate on it: redelivery is normal.' },
    type: {
      description: 'Event type, `<service>.<aggregate>.<fact>`, e.g. `schools.city.created`. With `version` it names the payload schema.',
    },
    version: {
      description:
        'Schema version of the payload for this `type` (`schemas/<type>.v<version>.json`). A breaking change is a new version with an upcaster from the previous one.',
    },
    source: { description: 'The service that published the event (the owner of the topic).' },
    occurredAt: {
      description: 'When the fact happened, ISO 8601 in UTC. Projections use it (never the time they read the event).',
    },
    cityId: {
      description: 'The city the fact belongs to; null (or absent) for facts that belong to no city, e.g. a person.',
    },
    key: {
      description: 'The aggregate id, also the Kafka record key: all events of one aggregate go to one partition, in order.',
    },
    correlationId: {
      description: 'Id shared by everything one request (or one automatic process) caused, across services and events.',
    },
    causationId: {
      description: 'Id of the event that caused this one when a handler reacted to an event; null (or absent) otherwise.',
    },
    actor: { description: 'Who caused the event: the token subject of the request, or the service for automatic changes.' },
    payload: {
      description: 'The facts. Its schema is that of the contract named by `type` and `version`, `schemas/<type>.v<version>.json`; left open here.',
    },
  },
  Actor: {
    kind: { description: '`user` when a request caused it, `service` for automatic changes.', enum: ['user', 'service'] },
    id: { description: 'The token subject (`sub`) of the user, or the name of the service.' },
  },
};

/**
 * Record headers every published event carries (`EVENT_HEADERS`/`envelopeHeaders` in libs/messaging,
 * src/headers.ts). They duplicate envelope fields so routers and consumers can filter without parsing.
 * Kept in step by hand: libs/messaging has no public entry point this tool could import yet.
 */
export const EVENT_HEADER_DOCS: ReadonlyArray<{ name: string; description: string; required: boolean }> = [
  { name: 'event-type', description: 'Envelope `type`.', required: true },
  { name: 'event-version', description: 'Envelope `version`, as decimal text.', required: true },
  { name: 'event-id', description: 'Envelope `id`.', required: true },
  { name: 'correlation-id', description: 'Envelope `correlationId`.', required: true },
  { name: 'causation-id', description: 'Envelope `causationId`; absent when it is null.', required: false },
  { name: 'event-source', description: 'Envelope `source`.', required: true },
  { name: 'content-type', description: 'Always `application/json` (also the CloudEvents `datacontenttype`).', required: true },
  // CloudEvents Kafka protocol binding, binary mode: a CloudEvents SDK reads each record as an event whose data is the envelope.
  { name: 'ce_specversion', description: 'CloudEvents `specversion`: `1.0`.', required: true },
  { name: 'ce_id', description: 'CloudEvents `id`: the envelope `id`.', required: true },
  { name: 'ce_source', description: 'CloudEvents `source`: `/crosswalk/<envelope source>`.', required: true },
  { name: 'ce_type', description: 'CloudEvents `type`: the envelope `type`.', required: true },
  { name: 'ce_time', description: 'CloudEvents `time`: the envelope `occurredAt`.', required: true },
  { name: 'ce_subject', description: 'CloudEvents `subject`: the envelope `key` (the aggregate the event is about).', required: true },
  {
    name: 'ce_dataschema',
    description: 'CloudEvents `dataschema`: `urn:crosswalk:schema:<type>.v<version>`, the schema `schemas/<type>.v<version>.json`.',
    required: true,
  },
];

/** Headers a consumer adds when it dead-letters a record (`DLQ_HEADERS` in libs/messaging, src/dead-letter.ts). */
export const DEAD_LETTER_HEADER_DOCS: ReadonlyArray<{ name: string; description: string; enum?: string[] }> = [
  { name: 'dlq-error', description: 'What went wrong (truncated to 2,000 characters).' },
  {
    name: 'dlq-reason',
    description: 'Why it was dead-lettered; the first three are permanent and were not retried.',
    enum: ['malformed', 'unknown-type', 'invalid-payload', 'retries-exhausted', 'rejected'],
  },
  { name: 'dlq-attempts', description: 'Handler attempts made (0 when the record never reached a handler).' },
  { name: 'dlq-consumer', description: 'The consumer that gave up on it.' },
  { name: 'dlq-original-topic', description: 'Topic the record was read from.' },
  { name: 'dlq-original-partition', description: 'Partition it was read from.' },
  { name: 'dlq-original-offset', description: 'Offset it was read from.' },
  { name: 'dlq-original-timestamp', description: 'Timestamp of the original record, when known.' },
  { name: 'dlq-dead-lettered-at', description: 'When it was dead-lettered, ISO 8601 in UTC.' },
];

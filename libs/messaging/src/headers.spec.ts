import { CloudEvent, type CloudEventV1, Kafka, type KafkaMessage } from 'cloudevents';
import { EVENT_HEADERS, envelopeHeaders, headerText } from './headers';

describe('envelopeHeaders', () => {
  const envelope = {
    id: 'e-1',
    type: 'schools.school.closed',
    version: 2,
    correlationId: 'c-1',
    causationId: null,
    source: 'schools',
    key: 'school-9',
    occurredAt: '2026-11-30T10:00:00.000Z',
  };

  it('carries type, version, id, correlation, source and content type as strings, and the CloudEvents attributes', () => {
    expect(envelopeHeaders(envelope)).toEqual({
      'event-type': 'schools.school.closed',
      'event-version': '2',
      'event-id': 'e-1',
      'correlation-id': 'c-1',
      'event-source': 'schools',
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: 'e-1',
      ce_source: '/crosswalk/schools',
      ce_type: 'schools.school.closed',
      ce_time: '2026-11-30T10:00:00.000Z',
      ce_subject: 'school-9',
      ce_dataschema: 'urn:crosswalk:schema:schools.school.closed.v2',
    });
  });

  it('gives a record that the CloudEvents SDK reads as a valid event in binary mode, the envelope as its data', () => {
    const value = JSON.stringify({ ...envelope, payload: { schoolId: 'school-9' } });
    const message: KafkaMessage<string> = { key: envelope.key, value, headers: envelopeHeaders(envelope), body: value };
    const event = Kafka.toEvent<unknown>(message);
    // Constructing a CloudEvent validates it (strict mode) and throws when an attribute is missing or malformed.
    const read = new CloudEvent((Array.isArray(event) ? event[0] : event) as CloudEventV1<unknown>);
    expect(read.validate()).toBe(true);
    expect(read).toMatchObject({ specversion: '1.0', id: 'e-1', source: '/crosswalk/schools', type: 'schools.school.closed', subject: 'school-9' });
    expect(read.data).toMatchObject({ payload: { schoolId: 'school-9' } });
  });

  it('adds the causation id only when there is one', () => {
    expect(envelopeHeaders({ ...envelope, causationId: 'e-0' })[EVENT_HEADERS.causationId]).toBe('e-0');
    expect(EVENT_HEADERS.causationId in envelopeHeaders(envelope)).toBe(false);
  });
});

describe('headerText', () => {
  it('decodes Buffers, passes strings, takes the first of repeated headers', () => {
    expect(headerText({ a: Buffer.from('x') }, 'a')).toBe('x');
    expect(headerText({ a: 'y' }, 'a')).toBe('y');
    expect(headerText({ a: [Buffer.from('first'), 'second'] }, 'a')).toBe('first');
    expect(headerText({}, 'a')).toBeUndefined();
    expect(headerText(undefined, 'a')).toBeUndefined();
  });
});

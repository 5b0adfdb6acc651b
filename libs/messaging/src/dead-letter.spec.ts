import { DLQ_HEADERS, deadLetterInfo, deadLetterRecord, redriveRecord, withoutDeadLetterHeaders } from './dead-letter';
import { headerText } from './headers';

describe('deadLetterRecord', () => {
  const input = {
    consumer: 'metrics-projections',
    topic: 'schools.leadership.v1',
    partition: 2,
    offset: '41',
    timestamp: '1700000000000',
    key: Buffer.from('school-1'),
    value: Buffer.from([0xff, 0x00, 0x7b]),
    headers: { 'event-type': Buffer.from('schools.leadership.transitioned'), 'dlq-reason': Buffer.from('stale') },
    reason: 'invalid-payload' as const,
    error: 'payload.role: must be a string',
    attempts: 0,
    now: new Date('2024-01-02T03:04:05.000Z'),
  };

  it('goes to <topic>.dlq with the original key and value bytes untouched', () => {
    const { topic, message } = deadLetterRecord(input);
    expect(topic).toBe('schools.leadership.v1.dlq');
    expect(message.key).toBe(input.key);
    expect(Buffer.compare(message.value as Buffer, input.value)).toBe(0);
  });

  it('keeps the original headers and adds what went wrong, where and for whom', () => {
    const { message } = deadLetterRecord(input);
    expect(headerText(message.headers, 'event-type')).toBe('schools.leadership.transitioned');
    expect(message.headers).toMatchObject({
      'dlq-error': 'payload.role: must be a string',
      'dlq-reason': 'invalid-payload',
      'dlq-attempts': '0',
      'dlq-consumer': 'metrics-projections',
      'dlq-original-topic': 'schools.leadership.v1',
      'dlq-original-partition': '2',
      'dlq-original-offset': '41',
      'dlq-original-timestamp': '1700000000000',
      'dlq-dead-lettered-at': '2024-01-02T03:04:05.000Z',
    });
  });

  it('replaces stale dlq-* headers of a record that was dead-lettered before', () => {
    expect(deadLetterRecord(input).message.headers?.['dlq-reason']).toBe('invalid-payload');
  });

  it('truncates a huge error', () => {
    const long = deadLetterRecord({ ...input, error: 'x'.repeat(10_000) }).message.headers?.[DLQ_HEADERS.error] as string;
    expect(long.length).toBe(2000);
  });

  it('reads back as DeadLetterInfo', () => {
    const { message } = deadLetterRecord({ ...input, reason: 'retries-exhausted', attempts: 5 });
    const encoded = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]));
    expect(deadLetterInfo(encoded)).toEqual({
      reason: 'retries-exhausted',
      error: input.error,
      consumer: 'metrics-projections',
      attempts: 5,
      originalTopic: 'schools.leadership.v1',
      originalPartition: 2,
      originalOffset: '41',
    });
  });
});

describe('redriveRecord', () => {
  it('returns the original record to its topic without dlq-* headers', () => {
    const letter = deadLetterRecord({
      consumer: 'c',
      topic: 'events.programs.v1',
      partition: 0,
      offset: '1',
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: { 'event-id': Buffer.from('e-1') },
      reason: 'retries-exhausted',
      error: 'boom',
      attempts: 5,
    });
    const record = redriveRecord('events.programs.v1.dlq', {
      key: letter.message.key as Buffer,
      value: letter.message.value as Buffer,
      headers: letter.message.headers,
    });
    expect(record.topic).toBe('events.programs.v1');
    expect(record.message.headers).toEqual({ 'event-id': Buffer.from('e-1') });
    expect(record.message.key).toEqual(Buffer.from('k'));
  });

  it('falls back to the DLQ topic name when the header is missing', () => {
    expect(redriveRecord('a.b.v1.dlq', { key: null, value: null }).topic).toBe('a.b.v1');
    expect(() => redriveRecord('a.b.v1', { key: null, value: null })).toThrow(/original topic/);
  });

  it('withoutDeadLetterHeaders keeps everything else', () => {
    expect(withoutDeadLetterHeaders({ 'dlq-x': 'a', y: 'b', dlqfoo: 'c' })).toEqual({ y: 'b', dlqfoo: 'c' });
  });
});

import { EVENT_HEADERS, envelopeHeaders, headerText } from './headers';

describe('envelopeHeaders', () => {
  const envelope = { id: 'e-1', type: 'schools.school.closed', version: 2, correlationId: 'c-1', causationId: null, source: 'schools' };

  it('carries type, version, id, correlation, source and content type as strings', () => {
    expect(envelopeHeaders(envelope)).toEqual({
      'event-type': 'schools.school.closed',
      'event-version': '2',
      'event-id': 'e-1',
      'correlation-id': 'c-1',
      'event-source': 'schools',
      'content-type': 'application/json',
    });
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

import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and one line per row, quoting what needs it', () => {
    const csv = toCsv(
      [
        { key: 'city', header: 'City' },
        { key: 'events', header: 'Events, held' },
      ],
      [
        { city: 'Denver', events: 3 },
        { city: 'Say "hi"', events: null },
      ],
    );
    expect(csv).toBe('City,"Events, held"\r\nDenver,3\r\n"Say ""hi""",\r\n');
  });
});

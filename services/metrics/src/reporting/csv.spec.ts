import { columnsOf, toCsv } from './csv';

describe('toCsv', () => {
  interface Row {
    cityId: string;
    title: string;
    share: number | null;
  }

  it('writes a header row and one CRLF line per row, empty cells for null', () => {
    const csv = toCsv(columnsOf<Row>('cityId', 'share'), [
      { cityId: 'c1', title: 't', share: 0.5 },
      { cityId: 'c2', title: 't', share: null },
    ]);
    expect(csv).toBe('cityId,share\r\nc1,0.5\r\nc2,\r\n');
  });

  it('quotes fields with commas, quotes or line breaks and doubles inner quotes', () => {
    const csv = toCsv(columnsOf<Row>('title'), [{ cityId: 'c', title: 'Compact "A", 2024\nrenewed', share: 1 }]);
    expect(csv).toBe('title\r\n"Compact ""A"", 2024\nrenewed"\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(columnsOf<Row>('cityId', 'title'), [])).toBe('cityId,title\r\n');
  });
});

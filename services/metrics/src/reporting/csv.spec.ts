import { text } from 'node:stream/consumers';
import { type CsvColumns, columnsOf, csvStream } from './csv';

const toCsv = <R extends object>(columns: CsvColumns<R>, rows: R[]): Promise<string> => text(csvStream(columns, rows));

describe('csvStream', () => {
  interface Row {
    cityId: string;
    title: string;
    share: number | null;
  }

  it('writes a header row and one CRLF line per row, empty cells for null', async () => {
    const csv = await toCsv(columnsOf<Row>('cityId', 'share'), [
      { cityId: 'c1', title: 't', share: 0.5 },
      { cityId: 'c2', title: 't', share: null },
    ]);
    expect(csv).toBe('cityId,share\r\nc1,0.5\r\nc2,\r\n');
  });

  it('quotes fields with commas, quotes or line breaks and doubles inner quotes', async () => {
    const csv = await toCsv(columnsOf<Row>('title'), [{ cityId: 'c', title: 'Compact "A", 2024\nrenewed', share: 1 }]);
    expect(csv).toBe('title\r\n"Compact ""A"", 2024\nrenewed"\r\n');
  });

  it('writes only the header for no rows', async () => {
    expect(await toCsv(columnsOf<Row>('cityId', 'title'), [])).toBe('cityId,title\r\n');
  });

  it('quotes a field with a line break alone, and leaves other fields bare', async () => {
    expect(await toCsv(columnsOf<Row>('cityId', 'title'), [{ cityId: 'c', title: 'two\nlines', share: 0 }])).toBe('cityId,title\r\nc,"two\nlines"\r\n');
  });
});

import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { SPREADSHEET_SAFE_CAST } from '@crosswalk/platform';

/** The columns of a CSV export: the row's own properties, in order (the JSON field names are the headers). */
export type CsvColumns<R> = readonly (keyof R & string)[];

export function columnsOf<R>(...names: (keyof R & string)[]): CsvColumns<R> {
  return names;
}

/**
 * A header row and one line per row, written by csv-stringify as the reader takes them. CRLF-terminated, a
 * field quoted only when it must be (comma, quote, line break) with inner quotes doubled, and null an empty
 * field (RFC 4180), so spreadsheets open it as-is. Text that would start a formula is neutralised
 * (docs/security.md).
 */
export function csvStream<R extends object>(columns: CsvColumns<R>, rows: Iterable<R>): Readable {
  const csv = stringify({ header: true, columns: [...columns], record_delimiter: 'windows', quote_record_delimiter: true, cast: SPREADSHEET_SAFE_CAST });
  // Errors reach the reader through the returned stream, so pipeline's callback has nothing to do.
  return pipeline(Readable.from(rows), csv, () => undefined);
}

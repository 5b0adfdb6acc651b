import { pipeline } from 'node:stream';
import { CsvError as CsvParseError, parse } from 'csv-parse';

/** One data row of a CSV file: its 1-based line number in the file and its cells keyed by header. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface CsvError {
  line: number;
  column?: string;
  message: string;
}

export type ParsedCsv = { ok: true; headers: string[]; rows: CsvRow[] } | { ok: false; errors: CsvError[] };

/** The file as it arrives: the request body's chunks, or (in tests) the whole text. */
export type CsvSource = string | Iterable<Buffer | string> | AsyncIterable<Buffer | string>;

/**
 * RFC 4180 CSV: comma separated, double quotes around cells that hold commas, quotes (doubled) or line
 * breaks; CRLF, LF or CR. The first line names the columns; blank lines are skipped. Spreadsheets export this.
 * A quote inside an unquoted cell is kept as text, as spreadsheets read it.
 */
const PARSER_OPTIONS = {
  bom: true,
  // Every row of the wrong width is reported below with its line, not only the first.
  relax_column_count: true,
  relax_quotes: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** Line breaks inside a quoted cell: the next record starts that many lines further down. */
function lineBreaks(cell: string): number {
  return cell.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * Reads the file chunk by chunk with csv-parse (so a large file never blocks the event loop in one call),
 * numbering each record by the file line it starts on, then checks the columns against `expected`.
 */
export async function parseCsv(source: CsvSource, expected: { required: readonly string[]; optional: readonly string[] }): Promise<ParsedCsv> {
  const records: { line: number; cells: string[] }[] = [];
  // Lines are counted as the parser makes each record, so the line is right even when it stops on an error.
  const starts: number[] = [];
  let line = 1;
  const count = (cells: string[]): string[] => {
    starts.push(line);
    line += 1 + cells.reduce((breaks, cell) => breaks + lineBreaks(cell), 0);
    return cells;
  };
  // The iteration below sees any error of the source or the parser, so pipeline's callback has nothing to do.
  const parser = pipeline(typeof source === 'string' ? [source] : source, parse({ ...PARSER_OPTIONS, on_record: count }), () => undefined);
  try {
    for await (const cells of parser as AsyncIterable<string[]>) records.push({ line: starts[records.length], cells });
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    return { ok: false, errors: [{ line, message: error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : error.message }] };
  }
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonBlank.length) return { ok: false, errors: [{ line: 1, message: 'the file is empty: expected a header line' }] };

  const [header, ...data] = nonBlank;
  const headers = header.cells.map((h) => h.trim());
  const known = new Set([...expected.required, ...expected.optional]);
  const errors: CsvError[] = [];
  for (const name of expected.required) if (!headers.includes(name)) errors.push({ line: header.line, column: name, message: `missing column ${name}` });
  for (const name of headers)
    if (!known.has(name)) errors.push({ line: header.line, column: name, message: `unknown column ${name}; expected ${[...known].join(', ')}` });
  const duplicate = headers.find((h, i) => headers.indexOf(h) !== i);
  if (duplicate) errors.push({ line: header.line, column: duplicate, message: `column ${duplicate} appears twice` });
  for (const record of data) {
    if (record.cells.length !== headers.length) errors.push({ line: record.line, message: `expected ${headers.length} cells, found ${record.cells.length}` });
  }
  if (!data.length) errors.push({ line: header.line, message: 'the file has a header but no rows' });
  if (errors.length) return { ok: false, errors };
  const rows = data.map((record) => ({
    line: record.line,
    cells: Object.fromEntries(headers.map((h, i) => [h, record.cells[i].trim()])),
  }));
  return { ok: true, headers, rows };
}

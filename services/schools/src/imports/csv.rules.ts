import { pipeline } from 'node:stream';
import { CsvError as CsvParseError, type Options as ParserOptions, parse } from 'csv-parse';

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

/**
 * What the file holds: its column names, the rows that can be read as records of those columns, and every
 * problem found reading it (a bad header, rows of the wrong width, cells that are not text). A file with any
 * error is refused, but its well-formed rows are still handed on so that their values are checked in the same
 * answer: one round of fixes, whatever is wrong.
 */
export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
  errors: CsvError[];
}

/** The file as it arrives: the request body's chunks, or (in tests) the whole text. */
export type CsvSource = string | Buffer | Iterable<Buffer | string> | AsyncIterable<Buffer | string>;

export interface CsvLimits {
  /** Data rows (the header and blank lines not counted) a file may hold. */
  maxRows: number;
}

/** The file has more data rows than `limit`; nothing of it was checked or applied. */
export class TooManyRows extends Error {
  constructor(
    readonly limit: number,
    readonly rows: number,
  ) {
    super(`the file has ${rows} rows; the limit is ${limit}`);
  }
}

/**
 * Rows handled between two returns to the event loop (reading, validating, applying). A row's reading and checks
 * take well under a millisecond, so a batch holds the loop briefly even on a loaded machine, and a turn
 * (a `setImmediate`) costs microseconds.
 */
export const RECORDS_PER_TURN = 50;

/**
 * Lets timers and I/O (health probes, other requests) run. An `await` alone is not enough: a promise that is
 * already settled continues in the same turn, so a loop over buffered records would never let go.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * RFC 4180 CSV: comma separated, double quotes around cells that hold commas, quotes (doubled) or line
 * breaks; CRLF, LF or CR. The first line names the columns; blank lines are skipped. Spreadsheets export this.
 * A quote inside an unquoted cell is kept as text, as spreadsheets read it.
 *
 * Cells come out as bytes (`encoding: null`) and are decoded here, strictly: csv-parse's own decoding would turn
 * invalid UTF-8 into U+FFFD silently. Splitting on bytes is safe for UTF-8, whose multi-byte characters never
 * contain the bytes of a comma, a quote or a line break, so a character cut between two chunks stays whole.
 */
const PARSER_OPTIONS = {
  encoding: null,
  // Every row of the wrong width is reported below with its line, not only the first.
  relax_column_count: true,
  relax_quotes: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks inside a quoted cell (CRLF, LF or CR): the next record starts that many lines further down. */
function lineBreaks(cell: Buffer): number {
  let breaks = 0;
  for (let at = cell.indexOf(CR); at !== -1; at = cell.indexOf(CR, at + 1)) breaks += 1;
  for (let at = cell.indexOf(LF); at !== -1; at = cell.indexOf(LF, at + 1)) if (cell[at - 1] !== CR) breaks += 1;
  return breaks;
}

/** The source as bytes, without a leading UTF-8 byte-order mark (which spreadsheets write), even if it arrives split. */
async function* bytesOf(source: CsvSource): AsyncIterable<Buffer> {
  const chunks = typeof source === 'string' || Buffer.isBuffer(source) ? [source] : source;
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (head === null) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < UTF8_BOM.length && UTF8_BOM.subarray(0, head.length).equals(head)) continue;
    yield head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? head.subarray(UTF8_BOM.length) : head;
    head = null;
  }
  if (head?.length) yield head;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A cell as text, or why it is not text. NUL is refused: databases and spreadsheets truncate or choke on it. */
function decodeCell(cell: Buffer): { text: string } | { problem: string } {
  if (cell.includes(0)) return { problem: 'contains a NUL byte' };
  try {
    return { text: strictUtf8.decode(cell) };
  } catch {
    return { problem: 'is not valid UTF-8 text; save the file as CSV UTF-8' };
  }
}

interface Record_ {
  line: number;
  cells: string[];
  problems: { index: number; problem: string }[];
}

/**
 * Reads the file chunk by chunk with csv-parse as it arrives, numbering each record by the file line it starts
 * on, giving the event loop a turn every RECORDS_PER_TURN records, then checks the columns against `expected`.
 * A file with more than `limits.maxRows` data rows is read to its end (to count them, and so that the answer
 * reaches a client still sending) without keeping its rows, and refused with TooManyRows.
 */
export async function parseCsv(
  source: CsvSource,
  expected: { required: readonly string[]; optional: readonly string[] },
  limits: CsvLimits = { maxRows: Number.POSITIVE_INFINITY },
): Promise<ParsedCsv> {
  const errors: CsvError[] = [];
  let header: Record_ | undefined;
  const data: Record_[] = [];
  let dataRows = 0;
  const take = (raw: Buffer[], recordLine: number): void => {
    if (dataRows > limits.maxRows) {
      // Over the limit: only count what is left.
      if (raw.some((cell) => cell.toString('latin1').trim() !== '')) dataRows += 1;
      return;
    }
    const record: Record_ = { line: recordLine, cells: [], problems: [] };
    raw.forEach((cell, index) => {
      const decoded = decodeCell(cell);
      if ('text' in decoded) record.cells.push(decoded.text);
      else {
        record.cells.push(cell.toString('latin1'));
        record.problems.push({ index, problem: decoded.problem });
      }
    });
    if (!record.problems.length && record.cells.every((c) => c.trim() === '')) return;
    if (!header) header = record;
    else if ((dataRows += 1) > limits.maxRows) data.length = 0;
    else data.push(record);
  };

  // Records as the parser makes them, with the file line each starts on (counted here, so the line is right even
  // when the parser stops on an error). The stream hands them on below; the few it still holds when it fails
  // are taken from here, so the rows before a broken one are checked too.
  const made: { raw: Buffer[]; line: number }[] = [];
  let line = 1;
  const count = (cells: Buffer[]): Buffer[] => {
    made.push({ raw: cells, line });
    line += 1 + cells.reduce((breaks, cell) => breaks + lineBreaks(cell), 0);
    return cells;
  };
  // The iteration below sees any error of the source or the parser, so pipeline's callback has nothing to do.
  const options: ParserOptions<Buffer[]> = { ...PARSER_OPTIONS, on_record: count };
  // csv-parse's typing has records of strings unless columns are named; with `encoding: null` they are Buffers.
  const parser = pipeline(bytesOf(source), parse(options as unknown as ParserOptions), () => undefined);
  let seen = 0;
  try {
    for await (const raw of parser as AsyncIterable<Buffer[]>) {
      const next = made.shift();
      take(raw, next?.line ?? line);
      seen += 1;
      if (seen % RECORDS_PER_TURN === 0) await nextTurn();
    }
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    for (const { raw, line: recordLine } of made) take(raw, recordLine);
    // The parser stops here: the rest of the file cannot be read as rows.
    if (dataRows <= limits.maxRows) errors.push({ line, message: error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : error.message });
  }
  if (dataRows > limits.maxRows) throw new TooManyRows(limits.maxRows, dataRows);
  if (!header) return { headers: [], rows: [], errors: errors.length ? errors : [{ line: 1, message: 'the file is empty: expected a header line' }] };

  const headers = header.cells.map((h) => h.trim());
  for (const { index, problem } of header.problems) errors.push({ line: header.line, message: `column name ${index + 1} ${problem}` });
  const headerErrors = errors.length;
  const known = new Set([...expected.required, ...expected.optional]);
  for (const name of expected.required) if (!headers.includes(name)) errors.push({ line: header.line, column: name, message: `missing column ${name}` });
  for (const name of headers)
    if (!known.has(name) && !header.problems.length)
      errors.push({ line: header.line, column: name, message: `unknown column ${name}; expected ${[...known].join(', ')}` });
  const duplicate = headers.find((h, i) => headers.indexOf(h) !== i);
  if (duplicate) errors.push({ line: header.line, column: duplicate, message: `column ${duplicate} appears twice` });
  // With the columns unknown, every row would repeat the header's problem: only what is wrong with a row
  // whatever the columns (its width, its bytes) is reported then.
  const columnsKnown = errors.length === headerErrors && !header.problems.length;
  if (!data.length && !errors.length) errors.push({ line: header.line, message: 'the file has a header but no rows' });

  const rows: CsvRow[] = [];
  for (const record of data) {
    for (const { index, problem } of record.problems) {
      const column = headers[index];
      errors.push({ line: record.line, ...(column && { column }), message: column ? `${column} ${problem}` : `cell ${index + 1} ${problem}` });
    }
    if (record.cells.length !== headers.length) errors.push({ line: record.line, message: `expected ${headers.length} cells, found ${record.cells.length}` });
    else if (columnsKnown && !record.problems.length)
      rows.push({ line: record.line, cells: Object.fromEntries(headers.map((h, i) => [h, record.cells[i].trim()])) });
  }
  return { headers, rows, errors };
}

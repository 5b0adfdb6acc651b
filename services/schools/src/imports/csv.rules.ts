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

/**
 * RFC 4180 CSV: comma separated, double quotes around cells that hold commas, quotes (doubled) or line
 * breaks; CRLF or LF. The first line names the columns; blank lines are skipped. Spreadsheets export this.
 */
export function parseCsv(text: string, expected: { required: readonly string[]; optional: readonly string[] }): ParsedCsv {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line += 1;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i += 1;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line += 1;
      recordLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) return { ok: false, errors: [{ line: recordLine, message: 'a quoted cell is never closed' }] };
  if (cell !== '' || cells.length) records.push({ line: recordLine, cells: [...cells, cell] });
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonBlank.length) return { ok: false, errors: [{ line: 1, message: 'the file is empty: expected a header line' }] };

  const [header, ...data] = nonBlank;
  const headers = header.cells.map((h) => h.trim());
  const known = new Set([...expected.required, ...expected.optional]);
  const errors: CsvError[] = [];
  for (const name of expected.required) if (!headers.includes(name)) errors.push({ line: header.line, column: name, message: `missing column ${name}` });
  for (const name of headers) if (!known.has(name)) errors.push({ line: header.line, column: name, message: `unknown column ${name}; expected ${[...known].join(', ')}` });
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

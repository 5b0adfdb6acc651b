/** One CSV column: its header and how a row's value is read. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null;
}

/** Quotes a field only when it must (comma, quote, line break), doubling quotes inside, as RFC 4180 says. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and one line per row, CRLF-terminated (RFC 4180), so spreadsheets open it as-is. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => field(c.header)), ...rows.map((row) => columns.map((c) => field(c.value(row))))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

/** Columns named after the row's own properties, in the given order (the JSON field names are the headers). */
export function columnsOf<R>(...names: (keyof R & string)[]): CsvColumn<R>[] {
  return names.map((name) => ({ header: name, value: (row: R) => row[name] as string | number | null }));
}

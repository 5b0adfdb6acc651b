/**
 * Characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(...)`, `+cmd|...`, `-1+1`, `@SUM`) or
 * that some of them strip before doing so (tab, carriage return). A CSV export is opened by people in Excel,
 * LibreOffice or Google Sheets, so text that came from users must never start a formula there.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** A plain decimal number written as text (`-12`, `+3.5`, `1e-3`): a spreadsheet reads it as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The cell text to export for `value`: unchanged unless it would start a formula, else prefixed with `'`, which
 * every spreadsheet shows as text and does not display (the OWASP "CSV injection" advice). Numbers, negative
 * ones included, are written by the CSV writer as numbers and never reach here; numeric text stays as it is.
 */
export function spreadsheetSafeText(value: string): string {
  return FORMULA_TRIGGER.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * csv-stringify's `cast` option for every CSV export: text cells through `spreadsheetSafeText`, other types as
 * the writer formats them.
 */
export const SPREADSHEET_SAFE_CAST = { string: spreadsheetSafeText } as const;

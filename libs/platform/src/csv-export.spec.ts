import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { SPREADSHEET_SAFE_CAST, spreadsheetSafeText } from './csv-export';

describe('spreadsheetSafeText', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['-', `'-`],
  ])('neutralises %j', (value, expected) => expect(spreadsheetSafeText(value)).toBe(expected));

  it.each(['Denver Compact', 'a=b', 'x-1', '', '-12', '-0.75', '+3', '1e-3', '-.5'])('leaves %j as it is', (value) => {
    expect(spreadsheetSafeText(value)).toBe(value);
  });

  it('keeps numbers, negative ones included, as numbers in a CSV row, and round-trips the text', () => {
    const csv = stringify([['=1+1', -3, -0.25, 0, '@x', null]], { cast: SPREADSHEET_SAFE_CAST });
    expect(csv).toBe(`'=1+1,-3,-0.25,0,'@x,\n`);
    expect(parse(csv)).toEqual([["'=1+1", '-3', '-0.25', '0', "'@x", '']]);
  });
});

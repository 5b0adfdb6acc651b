import { parseCsv } from './csv.rules';

const columns = { required: ['name', 'email'], optional: ['note'] };

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers rows by file line', () => {
    const parsed = parseCsv('name,email,note\r\n"Lopez, Maria",maria@example.org,"said ""yes""\nat once"\n\nSam,sam@example.org,\n', columns);
    expect(parsed).toEqual({
      ok: true,
      headers: ['name', 'email', 'note'],
      rows: [
        { line: 2, cells: { name: 'Lopez, Maria', email: 'maria@example.org', note: 'said "yes"\nat once' } },
        { line: 5, cells: { name: 'Sam', email: 'sam@example.org', note: '' } },
      ],
    });
  });

  it('ignores a byte-order mark and a missing final newline', () => {
    const parsed = parseCsv('\uFEFFname,email\nAnn,ann@example.org', columns);
    expect(parsed.ok && parsed.rows).toEqual([{ line: 2, cells: { name: 'Ann', email: 'ann@example.org' } }]);
  });

  it('reports missing, unknown and repeated columns and rows of the wrong width, with lines', () => {
    expect(parseCsv('name,nickname,name\nA,B\n', columns)).toEqual({
      ok: false,
      errors: [
        { line: 1, column: 'email', message: 'missing column email' },
        { line: 1, column: 'nickname', message: 'unknown column nickname; expected name, email, note' },
        { line: 1, column: 'name', message: 'column name appears twice' },
        { line: 2, message: 'expected 3 cells, found 2' },
      ],
    });
  });

  it('refuses an empty file, a header alone and an unclosed quote', () => {
    expect(parseCsv('\n\n', columns)).toEqual({ ok: false, errors: [{ line: 1, message: 'the file is empty: expected a header line' }] });
    expect(parseCsv('name,email\n', columns)).toEqual({ ok: false, errors: [{ line: 1, message: 'the file has a header but no rows' }] });
    expect(parseCsv('name,email\n"Ann,ann@example.org\n', columns)).toEqual({ ok: false, errors: [{ line: 2, message: 'a quoted cell is never closed' }] });
  });
});

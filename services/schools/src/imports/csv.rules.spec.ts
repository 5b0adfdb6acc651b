import { parseCsv } from './csv.rules';

const columns = { required: ['name', 'email'], optional: ['note'] };

async function* chunked(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers rows by file line', async () => {
    const parsed = await parseCsv('name,email,note\r\n"Lopez, Maria",maria@example.org,"said ""yes""\nat once"\n\nSam,sam@example.org,\n', columns);
    expect(parsed).toEqual({
      ok: true,
      headers: ['name', 'email', 'note'],
      rows: [
        { line: 2, cells: { name: 'Lopez, Maria', email: 'maria@example.org', note: 'said "yes"\nat once' } },
        { line: 5, cells: { name: 'Sam', email: 'sam@example.org', note: '' } },
      ],
    });
  });

  it('ignores a byte-order mark and a missing final newline', async () => {
    const parsed = await parseCsv('\uFEFFname,email\nAnn,ann@example.org', columns);
    expect(parsed.ok && parsed.rows).toEqual([{ line: 2, cells: { name: 'Ann', email: 'ann@example.org' } }]);
  });

  it('reports missing, unknown and repeated columns and rows of the wrong width, with lines', async () => {
    expect(await parseCsv('name,nickname,name\nA,B\n', columns)).toEqual({
      ok: false,
      errors: [
        { line: 1, column: 'email', message: 'missing column email' },
        { line: 1, column: 'nickname', message: 'unknown column nickname; expected name, email, note' },
        { line: 1, column: 'name', message: 'column name appears twice' },
        { line: 2, message: 'expected 3 cells, found 2' },
      ],
    });
  });

  it('refuses an empty file, a header alone and an unclosed quote', async () => {
    expect(await parseCsv('\n\n', columns)).toEqual({ ok: false, errors: [{ line: 1, message: 'the file is empty: expected a header line' }] });
    expect(await parseCsv('name,email\n', columns)).toEqual({ ok: false, errors: [{ line: 1, message: 'the file has a header but no rows' }] });
    expect(await parseCsv('name,email\n"Ann,ann@example.org\n', columns)).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'a quoted cell is never closed' }],
    });
  });

  it('reads the file as it arrives, in chunks split anywhere (inside a quoted cell, a CRLF or a character)', async () => {
    const text = 'name,email,note\r\n"Lopez, María",maria@example.org,"said ""sí""\r\nat once"\r\nSam,sam@example.org,\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const whole = await parseCsv(text, columns);
    for (let size = 1; size <= 8; size += 1) expect(await parseCsv(chunked(bytes, size), columns)).toEqual(whole);
    expect(whole.ok && whole.rows).toEqual([
      { line: 2, cells: { name: 'Lopez, María', email: 'maria@example.org', note: 'said "sí"\r\nat once' } },
      { line: 4, cells: { name: 'Sam', email: 'sam@example.org', note: '' } },
    ]);
  });

  it('passes on what the source fails with', async () => {
    async function* tooLarge(): AsyncIterable<string> {
      yield 'name,email\n';
      throw new Error('too large');
    }
    await expect(parseCsv(tooLarge(), columns)).rejects.toThrow('too large');
  });
});

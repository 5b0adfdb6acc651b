import { RECORDS_PER_TURN, TooManyRows, parseCsv } from './csv.rules';

const columns = { required: ['name', 'email'], optional: ['note'] };

async function* chunked(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers rows by file line', async () => {
    const parsed = await parseCsv('name,email,note\r\n"Lopez, Maria",maria@example.org,"said ""yes""\nat once"\n\nSam,sam@example.org,\n', columns);
    expect(parsed).toEqual({
      errors: [],
      headers: ['name', 'email', 'note'],
      rows: [
        { line: 2, cells: { name: 'Lopez, Maria', email: 'maria@example.org', note: 'said "yes"\nat once' } },
        { line: 5, cells: { name: 'Sam', email: 'sam@example.org', note: '' } },
      ],
    });
  });

  it('ignores a byte-order mark (even split over chunks) and a missing final newline', async () => {
    expect((await parseCsv('\uFEFFname,email\nAnn,ann@example.org', columns)).rows).toEqual([{ line: 2, cells: { name: 'Ann', email: 'ann@example.org' } }]);
    const split = await parseCsv(chunked(Buffer.from('\uFEFFname,email\nAnn,ann@example.org', 'utf8'), 1), columns);
    expect(split).toEqual({ headers: ['name', 'email'], rows: [{ line: 2, cells: { name: 'Ann', email: 'ann@example.org' } }], errors: [] });
  });

  it('reports missing, unknown and repeated columns and rows of the wrong width, with lines', async () => {
    expect(await parseCsv('name,nickname,name\nA,B\n', columns)).toEqual({
      headers: ['name', 'nickname', 'name'],
      rows: [],
      errors: [
        { line: 1, column: 'email', message: 'missing column email' },
        { line: 1, column: 'nickname', message: 'unknown column nickname; expected name, email, note' },
        { line: 1, column: 'name', message: 'column name appears twice' },
        { line: 2, message: 'expected 3 cells, found 2' },
      ],
    });
  });

  it('reports every row of the wrong width and still hands on the rows that can be read', async () => {
    const parsed = await parseCsv('name,email\nA\nB,b@example.org\nC,c@example.org,x\nD,d@example.org\n', columns);
    expect(parsed.errors).toEqual([
      { line: 2, message: 'expected 2 cells, found 1' },
      { line: 4, message: 'expected 2 cells, found 3' },
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it('refuses NUL bytes and invalid UTF-8 as errors of their row and column, whatever chunks they arrive in', async () => {
    const bytes = Buffer.concat([
      Buffer.from('name,email\nAnn,ann@example.org\nN\u0000l,nul@example.org\n', 'utf8'),
      Buffer.from([0x4a, 0xf6, 0x72, 0x67, 0x2c]), // "Jörg," in Latin-1: 0xF6 alone is not UTF-8
      Buffer.from('jorg@example.org\nZoë,zoe@example.org\n"a\ufffdb",ok@example.org\n', 'utf8'),
    ]);
    const expected = {
      headers: ['name', 'email'],
      // U+FFFD written as UTF-8 is a character like any other; only bytes that do not decode are refused.
      rows: [
        { line: 2, cells: { name: 'Ann', email: 'ann@example.org' } },
        { line: 5, cells: { name: 'Zoë', email: 'zoe@example.org' } },
        { line: 6, cells: { name: 'a\ufffdb', email: 'ok@example.org' } },
      ],
      errors: [
        { line: 3, column: 'name', message: 'name contains a NUL byte' },
        { line: 4, column: 'name', message: 'name is not valid UTF-8 text; save the file as CSV UTF-8' },
      ],
    };
    expect(await parseCsv(bytes, columns)).toEqual(expected);
    for (const size of [1, 2, 3, 7]) expect(await parseCsv(chunked(bytes, size), columns)).toEqual(expected);
  });

  it('reports bad bytes in the header without guessing the columns', async () => {
    const parsed = await parseCsv(Buffer.from('name,em\u0000ail\nAnn,ann@example.org\nBob\n', 'utf8'), columns);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, message: 'column name 2 contains a NUL byte' },
      { line: 1, column: 'email', message: 'missing column email' },
      { line: 3, message: 'expected 2 cells, found 1' },
    ]);
  });

  it('refuses an empty file, a header alone and an unclosed quote, keeping the rows before it', async () => {
    expect(await parseCsv('\n\n', columns)).toEqual({ headers: [], rows: [], errors: [{ line: 1, message: 'the file is empty: expected a header line' }] });
    expect((await parseCsv('name,email\n', columns)).errors).toEqual([{ line: 1, message: 'the file has a header but no rows' }]);
    const unclosed = await parseCsv('name,email\nBob,bob@example.org\n"Ann,ann@example.org\n', columns);
    expect(unclosed.errors).toEqual([{ line: 3, message: 'a quoted cell is never closed' }]);
    expect(unclosed.rows).toEqual([{ line: 2, cells: { name: 'Bob', email: 'bob@example.org' } }]);
  });

  it('counts the rows of a file over the limit to its end and refuses it', async () => {
    const file = ['name,email', '', ...Array.from({ length: 12 }, (_, i) => `P${i},p${i}@example.org`), ''].join('\n');
    expect((await parseCsv(file, columns, { maxRows: 12 })).rows).toHaveLength(12);
    const refused = parseCsv(file, columns, { maxRows: 10 });
    await expect(refused).rejects.toThrow(TooManyRows);
    await expect(refused).rejects.toMatchObject({ limit: 10, rows: 12 });
  });

  it('gives the event loop a turn while reading a long file', async () => {
    const file = ['name,email', ...Array.from({ length: RECORDS_PER_TURN * 4 }, (_, i) => `P${i},p${i}@example.org`)].join('\n');
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    try {
      // The whole file is there at once, as a fast upload is: without turns the timer could not fire at all.
      expect((await parseCsv(file, columns)).rows).toHaveLength(RECORDS_PER_TURN * 4);
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(0);
  });

  it('reads the file as it arrives, in chunks split anywhere (inside a quoted cell, a CRLF or a character)', async () => {
    const text = 'name,email,note\r\n"Lopez, María",maria@example.org,"said ""sí""\r\nat once"\r\nSam,sam@example.org,\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const whole = await parseCsv(text, columns);
    for (let size = 1; size <= 8; size += 1) expect(await parseCsv(chunked(bytes, size), columns)).toEqual(whole);
    expect(whole.rows).toEqual([
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

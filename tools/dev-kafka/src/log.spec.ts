import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPartitionFile } from './log';

describe('readPartitionFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-kafka-log-unit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const line = (offset: number): string => `${JSON.stringify({ o: String(offset), t: '1700000000000', k: null, v: 'dg==', h: [['a', 'Yg==']] })}\n`;

  it('reads every whole line, and a missing file as empty', () => {
    const file = path.join(dir, '0.jsonl');
    expect(readPartitionFile(file)).toEqual({ records: [], torn: false });
    fs.writeFileSync(file, line(0) + line(1));
    const { records, torn } = readPartitionFile(file);
    expect(torn).toBe(false);
    expect(records.map((r) => r.o)).toEqual(['0', '1']);
    expect(records[0]).toEqual({ o: '0', t: '1700000000000', k: null, v: 'dg==', h: [['a', 'Yg==']] });
  });

  it('cuts off a torn last line, with or without its line end, so appends start clean', () => {
    const file = path.join(dir, '0.jsonl');
    fs.writeFileSync(file, `${line(0)}{"o":"1","t":"17`);
    expect(readPartitionFile(file)).toMatchObject({ torn: true, records: [{ o: '0' }] });
    expect(fs.readFileSync(file, 'utf8')).toBe(line(0));

    fs.writeFileSync(file, `${line(0)}{"o":"1"}\n`); // whole JSON, but not a record: a write cut short
    expect(readPartitionFile(file)).toMatchObject({ torn: true, records: [{ o: '0' }] });
    expect(fs.readFileSync(file, 'utf8')).toBe(line(0));
  });

  it('fails on a bad line that is not the last: that is corruption, not a crash while writing', () => {
    const file = path.join(dir, '0.jsonl');
    fs.writeFileSync(file, `${line(0)}garbage\n${line(2)}`);
    expect(() => readPartitionFile(file)).toThrow(/has a bad line at character \d+: garbage/);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${line(0)}garbage\n${line(2)}`);
  });
});

import { Problem, ProblemCode } from '@crosswalk/problems';
import { decodeCursor, encodeCursor, toPage } from './paging';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `0000000${i}-0000-7000-8000-000000000000` }));

describe('paging', () => {
  it('round-trips a cursor', () => {
    const id = '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(Problem);
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ code: ProblemCode.InvalidCursor }));
  });

  it('gives a next cursor only when more rows exist', () => {
    const more = toPage(rows(3), 2, (r) => r.id);
    expect(more.items).toHaveLength(2);
    expect(decodeCursor(more.nextCursor ?? undefined)).toBe(rows(3)[1].id);
    expect(toPage(rows(2), 2, (r) => r.id).nextCursor).toBeNull();
  });
});

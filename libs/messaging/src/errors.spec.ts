import { QueryFailedError } from 'typeorm';
import { isDuplicateKeyError } from './errors';

describe('isDuplicateKeyError', () => {
  const wrap = (driverError: object): QueryFailedError => new QueryFailedError('INSERT', [], Object.assign(new Error('x'), driverError));

  it('recognises MySQL/MariaDB and SQLite duplicate keys', () => {
    expect(isDuplicateKeyError(wrap({ code: 'ER_DUP_ENTRY', errno: 1062 }))).toBe(true);
    expect(isDuplicateKeyError(wrap({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBe(true);
    expect(isDuplicateKeyError(wrap({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(true);
  });

  it('does not mistake other failures for duplicates', () => {
    expect(isDuplicateKeyError(wrap({ code: 'ER_LOCK_DEADLOCK', errno: 1213 }))).toBe(false);
    expect(isDuplicateKeyError(wrap({ code: 'ECONNREFUSED' }))).toBe(false);
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });
});

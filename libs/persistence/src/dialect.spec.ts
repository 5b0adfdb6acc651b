import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

// Configured, never initialised: building SQL needs the driver, not a server.
const mysql = new DataSource({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/unused' });
const sqlite = new DataSource({ type: 'better-sqlite3', database: ':memory:' });

describe('dialectOf', () => {
  it('tells embedded SQLite from MySQL', () => {
    expect(dialectOf(mysql)).toMatchObject({ embedded: false, maxParallelTransactions: Number.POSITIVE_INFINITY });
    expect(dialectOf(sqlite)).toMatchObject({ embedded: true, maxParallelTransactions: 1 });
  });

  it('locks rows for update where rows can be locked', () => {
    const select = (ds: DataSource) => ds.createQueryBuilder().select('t.id').from('t', 't');
    expect(dialectOf(mysql).lockForUpdate(select(mysql)).getQuery()).toMatch(/ FOR UPDATE$/);
    expect(dialectOf(sqlite).lockForUpdate(select(sqlite)).getQuery()).not.toMatch(/FOR UPDATE/);
  });
});

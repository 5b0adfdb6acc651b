// A graceful stop of a service during a burst of writes (issue 18): writers keep creating cities until the
// service refuses them; every write answered 2xx must be in the database, and no request may be answered
// with an error other than a clean refusal (the stop is the service's own close, as on SIGTERM).
import { createConnection } from 'mysql2/promise';
import { pollUntil } from '@crosswalk/testing';
import { type Harness, call, startSchools, token } from './leadership-fixtures';

type Outcome = { status: number; id?: string } | { status: 'refused' };

describe('schools graceful stop with writes in flight', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startSchools('graceful_shutdown');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers every write 201 or refuses it cleanly, and every 201 is stored', async () => {
    const admin = token('network_admin');
    let stopped = false;
    let written = 0;
    const writer = async (worker: number): Promise<Outcome[]> => {
      const outcomes: Outcome[] = [];
      for (let i = 0; ; i += 1) {
        let outcome: Outcome;
        try {
          const answer = await call(h, 'POST', '/v1/cities', admin, { name: `Stop ${worker}-${i}`, state: 'CO' });
          outcome = { status: answer.status, id: answer.body.id as string | undefined };
        } catch {
          outcome = { status: 'refused' };
        }
        outcomes.push(outcome);
        if (outcome.status === 201) written += 1;
        // Each writer goes on until the service refuses it, so writes straddle the stop.
        if (outcome.status !== 201 && stopped) return outcomes;
        if (outcome.status !== 201) throw new Error(`write answered ${JSON.stringify(outcome)} before the stop`);
      }
    };
    const writers = Array.from({ length: 8 }, (_, worker) => writer(worker));
    // Once 40 writes went through the burst is under way: stop the service in the middle of it.
    await pollUntil(
      () => written,
      (n) => n >= 40,
      { description: '40 writes before the stop' },
    );
    stopped = true;
    await h.service.close();
    const outcomes = (await Promise.all(writers)).flat();

    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].filter((s) => s !== 201 && s !== 503 && s !== 'refused')).toEqual([]);
    const created = outcomes.flatMap((o) => ('id' in o && o.status === 201 && o.id ? [o.id] : []));
    expect(created.length).toBeGreaterThan(0);
    const connection = await createConnection(h.database.url);
    try {
      const [rows] = await connection.query('SELECT id FROM city WHERE id IN (?)', [created]);
      expect((rows as { id: string }[]).map((r) => r.id).sort()).toEqual([...created].sort());
    } finally {
      await connection.end();
    }
  });
});

// The embedded mode (`npm start` without servers): the metrics migrations and projections on SQLite. The
// handlers are called directly, in the worst order (everything backwards) and then everything again (no
// inbox to dedupe it), and must still give the hand-computed numbers.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@crosswalk/auth';
import { type InboxContext, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { Clock, SystemClock } from '@crosswalk/platform';
import type { DataSource } from 'typeorm';
import { METRICS_MIGRATIONS } from '../migrations';
import { METRICS_ENTITIES } from '../src/app.module';
import { CitiesHandler } from '../src/cities/cities.handler';
import { CompactsHandler } from '../src/compacts/compacts.handler';
import { CompactMetrics } from '../src/compacts/compacts.service';
import { LeadershipHandler } from '../src/leadership/leadership.handler';
import { LeadershipMetrics } from '../src/leadership/leadership.service';
import { PartnershipsHandler } from '../src/partnerships/partnerships.handler';
import { PartnershipMetrics } from '../src/partnerships/partnerships.service';
import { EXPECTED_COLOCATIONS, EXPECTED_COMPACTS, EXPECTED_COMPACTS_BY_CITY, EXPECTED_LEADERSHIP, NETWORK, c1, k1 } from './network';
import { eventHandlersOf } from './support';

class FixedClock extends Clock {
  constructor(private readonly day: string) {
    super();
  }
  today(): string {
    return this.day;
  }
}

const analyst: Principal = { subject: 'analyst-1', role: 'analyst', cities: [] };

describe('metrics on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-metrics-'));
    dataSource = await openServiceDatabase({
      service: 'metrics',
      dataDir: dir,
      entities: [...MESSAGING_ENTITIES, ...METRICS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same numbers from events applied backwards and then all over again', async () => {
    const handlers = eventHandlersOf([new CitiesHandler(), new LeadershipHandler(), new CompactsHandler(), new PartnershipsHandler()]);
    for (const { envelope } of [...[...NETWORK].reverse(), ...NETWORK]) {
      const handler = handlers[envelope.type];
      if (!handler) continue;
      await dataSource.transaction(async (manager) => {
        await handler(envelope, { manager } as InboxContext);
      });
    }

    expect(await new LeadershipMetrics(dataSource).turnover(undefined)).toEqual(EXPECTED_LEADERSHIP);
    expect(await new LeadershipMetrics(dataSource).turnover([c1])).toEqual(EXPECTED_LEADERSHIP.filter((r) => r.cityId === c1));
    const compacts = new CompactMetrics(dataSource, new SystemClock());
    expect(await compacts.byCity(undefined)).toEqual(EXPECTED_COMPACTS_BY_CITY);
    for (const [compactId, expected] of Object.entries(EXPECTED_COMPACTS)) expect(await compacts.one(compactId, analyst)).toEqual(expected);
    expect(await new PartnershipMetrics(dataSource).survival(undefined)).toEqual(EXPECTED_COLOCATIONS);
  });

  it('asks who is still in post as of the clock: a transition dated after that day has not happened yet', async () => {
    // The day before X handed o1's chief role to Y (t7, effective 2024-02-01), every k1 signer was in post.
    // (k2's Y has no transition after signing, so counts as in post on any day.)
    const before = new CompactMetrics(dataSource, new FixedClock('2024-01-31'));
    expect(await before.one(k1, analyst)).toEqual({ ...EXPECTED_COMPACTS[k1], inPost: 3, inPostShare: 1 });
    expect(await before.byCity([c1])).toEqual([{ ...EXPECTED_COMPACTS_BY_CITY[0], inPost: 4, inPostShare: 1 }]);
    // On the handover day X is out, as today.
    expect(await new CompactMetrics(dataSource, new FixedClock('2024-02-01')).one(k1, analyst)).toEqual(EXPECTED_COMPACTS[k1]);
  });
});

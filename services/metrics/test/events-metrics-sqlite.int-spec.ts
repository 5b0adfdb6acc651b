// The professional-development projection in the embedded mode (`npm start` without servers): the migrations
// and every handler and reader on SQLite. The story is applied in its order and then all over again (there is
// no inbox here to skip the repeats), and must still give the numbers worked out by hand.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@crosswalk/auth';
import { type InboxContext, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import type { DataSource } from 'typeorm';
import { METRICS_MIGRATIONS } from '../migrations';
import { METRICS_ENTITIES } from '../src/app.module';
import { CitiesHandler } from '../src/cities/cities.handler';
import { LeadershipHandler } from '../src/leadership/leadership.handler';
import { ProgramsHandler } from '../src/programs/programs.handler';
import { ProgramMetrics } from '../src/programs/programs.service';
import { SchoolsHandler } from '../src/schools/schools.handler';
import {
  CROSS_SECTOR_SPRING,
  EV2,
  NETWORK_ALL_TIME,
  NETWORK_SPRING,
  REACH_ALL_TIME,
  REACH_FEBRUARY_DENVER,
  REACH_SPRING,
  S1,
  SATISFACTION_BY_EVENT_DENVER,
  SATISFACTION_S1,
  SATISFACTION_SPRING,
  SERIES,
  SPRING,
  STORY,
  c1,
} from './programs';
import { eventHandlersOf } from './support';

const analyst: Principal = { subject: 'analyst-1', role: 'analyst', cities: [] };

describe('professional-development metrics on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-metrics-programs-'));
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

  it('gives the same numbers from the story applied twice over', async () => {
    const handlers = eventHandlersOf([new CitiesHandler(), new LeadershipHandler(), new SchoolsHandler(), new ProgramsHandler()]);
    for (const { envelope } of [...STORY, ...STORY]) {
      const handler = handlers[envelope.type];
      if (!handler) throw new Error(`No handler for ${envelope.type}`);
      await dataSource.transaction(async (manager) => {
        await handler(envelope, { manager } as InboxContext);
      });
    }

    const metrics = new ProgramMetrics(dataSource);
    expect(await metrics.network(undefined, SPRING)).toEqual(NETWORK_SPRING);
    expect(await metrics.network(undefined, {})).toEqual(NETWORK_ALL_TIME);
    expect(await metrics.satisfaction(analyst, undefined, SPRING, { by: 'city' })).toEqual(SATISFACTION_SPRING);
    expect(await metrics.satisfaction(analyst, [c1], SPRING, { by: 'event' })).toEqual(SATISFACTION_BY_EVENT_DENVER);
    expect(await metrics.satisfaction(analyst, undefined, {}, { eventId: EV2, by: 'event' })).toEqual([SATISFACTION_BY_EVENT_DENVER[0]]);
    expect(await metrics.satisfaction(analyst, undefined, {}, { seriesId: S1, by: 'series' })).toEqual([SATISFACTION_S1]);
    expect(await metrics.reach(undefined, SPRING)).toEqual(REACH_SPRING);
    expect(await metrics.reach(undefined, {})).toEqual(REACH_ALL_TIME);
    expect(await metrics.reach([c1], { from: '2025-02-01', to: '2025-02-28' })).toEqual([REACH_FEBRUARY_DENVER]);
    expect(await metrics.crossSector(undefined, SPRING)).toEqual(CROSS_SECTOR_SPRING);
    expect(await metrics.series(undefined)).toEqual(SERIES);
    expect(await metrics.network([], {})).toEqual({ items: [], totals: zeros(NETWORK_ALL_TIME.totals) });
  });
});

function zeros(totals: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(totals).map((k) => [k, 0]));
}

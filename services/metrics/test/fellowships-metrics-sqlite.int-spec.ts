// The fellowships projection in the embedded mode (`npm start` without servers): the migrations and every
// handler and reader on SQLite. The story is applied in its order and then all over again (there is no inbox
// here to skip the repeats), with the stale records, and must still give the numbers worked out by hand.
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
import { FellowshipsHandler } from '../src/fellowships/fellowships.handler';
import { FellowshipMetrics } from '../src/fellowships/fellowships.service';
import { BY_COHORT, BY_PROGRAM, FLOWS, K1, OAKLAND_BY_SECTOR, STALE_REVISION, STALE_STAGE, STORY, c2 } from './fellowships';
import { eventHandlersOf } from './support';

const analyst: Principal = { subject: 'analyst-1', role: 'analyst', cities: [] };
const operator: Principal = { subject: 'operator-1', role: 'city_operator', cities: [c2] };

describe('fellowships metrics on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-metrics-fellowships-'));
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
    const handlers = eventHandlersOf([new CitiesHandler(), new FellowshipsHandler()]);
    let applied = 0;
    for (const { envelope } of [...STORY, ...STORY, STALE_REVISION, STALE_STAGE]) {
      const handler = handlers[envelope.type];
      // Records that change no figure have no handler (docs/consumed-events.md).
      if (!handler) continue;
      await dataSource.transaction(async (manager) => {
        await handler(envelope, { manager } as InboxContext);
      });
      applied += 1;
    }
    expect(applied).toBeGreaterThan(STORY.length);

    const metrics = new FellowshipMetrics(dataSource);
    expect(await metrics.fellowships(analyst, undefined, {}, 'program')).toEqual(BY_PROGRAM);
    expect(await metrics.fellowships(analyst, undefined, {}, 'cohort')).toEqual(BY_COHORT);
    expect(await metrics.fellowships(analyst, undefined, { cohortId: K1.cohortId }, 'cohort')).toEqual([BY_COHORT[0]]);
    expect(await metrics.fellowships(analyst, [c2], {}, 'sector')).toEqual(OAKLAND_BY_SECTOR);
    expect(await metrics.fellowships(operator, [c2], {}, 'program')).toEqual([BY_PROGRAM[2], BY_PROGRAM[3]]);
    expect(await metrics.flows(analyst, undefined, {}, 'program')).toEqual(FLOWS);
    expect(await metrics.fellowships(analyst, [], {}, 'program')).toEqual([]);
  });
});

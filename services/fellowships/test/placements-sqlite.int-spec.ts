// The embedded mode (`npm start` without servers): the fellowships migrations on SQLite give the placement tables
// the entities map, and the retention job's claim (a plain read there: one instance, one connection)
// finds the due placements and no other.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@crosswalk/messaging';
import { claimDue, openServiceDatabase } from '@crosswalk/persistence';
import type { DataSource } from 'typeorm';
import { FELLOWSHIPS_MIGRATIONS } from '../migrations';
import { FELLOWSHIPS_ENTITIES } from '../src/app.module';
import { Placement, PlacementBasis, RetentionCheckpoint } from '../src/placements/placement.entity';

describe('fellowships on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-fellowships-'));
    dataSource = await openServiceDatabase({
      service: 'fellowships',
      dataDir: dir,
      entities: [...MESSAGING_ENTITIES, ...FELLOWSHIPS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...FELLOWSHIPS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates to the placement tables with every column their entities map', async () => {
    // Entities declare no foreign keys (the migrations do), so a schema sync's diff is not the measure: the columns are.
    for (const entity of [Placement, RetentionCheckpoint, PlacementBasis]) {
      const metadata = dataSource.getMetadata(entity);
      const columns = await dataSource.query<{ name: string }[]>(`PRAGMA table_info(${metadata.tableName})`);
      expect(columns.map((c) => c.name).sort()).toEqual(metadata.columns.map((c) => c.databaseName).sort());
    }
  });

  it('claims the placements whose next checkpoint has come, and no other', async () => {
    const placement = (id: string, nextCheckpointOn: string | null) => ({
      id,
      fellowId: 'f',
      programId: 'p',
      personId: 'person',
      schoolId: 's',
      sector: 'district' as const,
      cityId: 'c',
      role: 'principal',
      startsOn: '2027-07-01',
      transitionId: null,
      tenureStartedOn: null,
      endedOn: null,
      endCause: null,
      endTransitionId: null,
      nextCheckpointOn,
      createdAt: new Date(),
    });
    await dataSource.query('PRAGMA foreign_keys = OFF');
    await dataSource.manager.insert(Placement, [placement('due', '2028-07-01'), placement('later', '2029-07-01'), placement('done', null)]);
    const claimed = await dataSource.transaction((manager) =>
      claimDue(manager, manager.createQueryBuilder(Placement, 'p').where('p.nextCheckpointOn <= :asOf', { asOf: '2028-07-01' })),
    );
    expect(claimed.map((p) => p.id)).toEqual(['due']);
  });
});

// Every replica of the colocations service runs the grace-period job, at about the same moments. Two instances
// (two data sources, so two connection pools, on one MariaDB database) evaluate the same overdue partnerships
// at once: each partnership lapses exactly once, with one history row and one PartnershipStatusChanged event.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@crosswalk/auth';
import { type LeadershipTransitionedV1, PartnershipStatusChanged } from '@crosswalk/contracts';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, Outbox, OutboxRecord, UnitOfWork } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { DirectoryCopy, KnownCity, KnownSchool } from '@crosswalk/directory-copy';
import { Clock, loadConfig } from '@crosswalk/platform';
import { type TestDatabase, createTestDatabase } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { COLOCATIONS_MIGRATIONS } from '../migrations';
import { COLOCATIONS_ENTITIES } from '../src/app.module';
import { ColocationsConfig } from '../src/colocations.config';
import { PartnershipsService } from '../src/partnerships/partnerships.service';
import { StatusChange } from '../src/partnerships/status-change.entity';
import { SitesService } from '../src/sites/sites.service';

jest.setTimeout(120_000);

const PARTNERSHIPS = 30;
const ADMIN: Principal = { subject: 'admin-1', role: 'network_admin', cities: [] };
const city = randomUUID();
const [district, charter] = [randomUUID(), randomUUID()];
// 30 grace days after the change of principal on 2026-01-05: due by 2026-02-04, so overdue on 2026-03-10.
const AS_OF = '2026-03-10';

class FixedClock extends Clock {
  today(): string {
    return AS_OF;
  }
}

describe('grace-period evaluation by two instances at once', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];
  let instances: PartnershipsService[];
  let ids: string[];

  const countBy = <T>(values: T[]): Map<T, number> => values.reduce((counts, v) => counts.set(v, (counts.get(v) ?? 0) + 1), new Map<T, number>());

  beforeAll(async () => {
    database = await createTestDatabase('colocations_grace_instances');
    const options = {
      service: 'colocations',
      databaseUrl: database.url,
      entities: [...MESSAGING_ENTITIES, ...COLOCATIONS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...COLOCATIONS_MIGRATIONS],
    };
    // One after the other: the first runs the migrations.
    for (let i = 0; i < 2; i += 1) dataSources.push(await openServiceDatabase(options));
    const config = loadConfig(ColocationsConfig, { JWT_SECRET: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9092', COLOCATION_GRACE_PERIOD_DAYS: '30' });
    const outbox = new Outbox({ service: 'colocations' });
    const units = dataSources.map((dataSource) => new UnitOfWork(dataSource, outbox));
    instances = dataSources.map((dataSource, i) => new PartnershipsService(units[i], dataSource, new DirectoryCopy(), new FixedClock(), config));

    await dataSources[0].getRepository(KnownCity).save({ id: city, name: 'Denver', state: 'CO', timeZone: null });
    await dataSources[0].getRepository(KnownSchool).save([
      { id: district, cityId: city, name: 'Lincoln Elementary', sector: 'district', closedOn: null },
      { id: charter, cityId: city, name: 'STRIVE Prep', sector: 'charter', closedOn: null },
    ]);
    const site = await new SitesService(units[0], dataSources[0], new DirectoryCopy()).create({ name: 'Federal Campus', cityId: city }, ADMIN);
    ids = [];
    for (let i = 0; i < PARTNERSHIPS; i += 1) {
      ids.push((await instances[0].form({ siteId: site.id, memberSchoolIds: [district, charter], startedOn: '2025-08-15' }, ADMIN)).id);
    }
    // The district school's new principal is asked to recommit to all of them, and never does.
    const transition: LeadershipTransitionedV1 = {
      transitionId: randomUUID(),
      holderKind: 'school',
      holderId: district,
      cityId: city,
      role: 'principal',
      outgoingPersonId: randomUUID(),
      incomingPersonId: randomUUID(),
      effectiveDate: '2026-01-05',
      reason: null,
      endedTenureId: null,
      startedTenureId: null,
      supersedesTransitionId: null,
    };
    await units[0].run((tx) => instances[0].onPrincipalTransition(tx, transition, new Date()));
  });

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    await database?.drop();
  });

  it('lapses each overdue partnership once, whichever instance gets to it', async () => {
    const runs = await Promise.all(instances.map((instance) => instance.evaluateGracePeriods(AS_OF)));

    const lapsed = runs.flatMap((run) => run.lapsed);
    expect([...lapsed].sort()).toEqual([...ids].sort());
    const history = await dataSources[0].getRepository(StatusChange).findBy({ toStatus: 'lapsed' });
    expect(countBy(history.map((h) => h.partnershipId))).toEqual(new Map(ids.map((id) => [id, 1])));
    const events = (await dataSources[0].getRepository(OutboxRecord).findBy({ type: PartnershipStatusChanged.type }))
      .map((row) => JSON.parse(row.envelope) as { key: string; payload: { to: string } })
      .filter((envelope) => envelope.payload.to === 'lapsed');
    expect(countBy(events.map((e) => e.key))).toEqual(new Map(ids.map((id) => [id, 1])));

    // Nothing is left for a later run of either instance.
    for (const instance of instances) expect((await instance.evaluateGracePeriods(AS_OF)).lapsed).toEqual([]);
  });
});

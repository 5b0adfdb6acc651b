// claimDue, the claim every scheduled job makes in the transaction that does its work: on MariaDB a row
// another transaction holds is skipped rather than waited for, and a row done meanwhile no longer matches;
// on embedded SQLite it is a plain read. The colocations grace-period test runs it with two instances.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Column, type DataSource, Entity, type EntityManager, type MigrationInterface, PrimaryColumn, type QueryRunner, Table } from 'typeorm';
import { claimDue, openServiceDatabase } from '../src';

const SERVER_URL = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');

@Entity('claim_test_offer')
class Offer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'open' | 'expired';
}

class OffersTable1700000000000 implements MigrationInterface {
  name = 'OffersTable1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'claim_test_offer',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'status', type: 'varchar', length: '16' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('claim_test_offer');
  }
}

const open = (manager: EntityManager, ids: string[]) =>
  claimDue(
    manager,
    manager.createQueryBuilder(Offer, 'offer').where('offer.id IN (:...ids) AND offer.status = :open', { ids, open: 'open' }).orderBy('offer.id'),
  );

async function seed(dataSource: DataSource, ids: string[]): Promise<void> {
  await dataSource.getRepository(Offer).save(ids.map((id) => ({ id, status: 'open' as const })));
}

describe('claimDue on MariaDB', () => {
  const name = `test_persistence_claims_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openServiceDatabase({
      service: 'claims',
      databaseUrl: `${SERVER_URL}/${name}`,
      entities: [Offer],
      migrations: [OffersTable1700000000000],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    const admin = await createConnection({ uri: SERVER_URL });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  it('skips what another transaction holds instead of waiting, and what it finished', async () => {
    await seed(dataSource, ['a1', 'a2', 'a3']);
    let claimed: (ids: string[]) => void = () => undefined;
    let release: () => void = () => undefined;
    const firstClaimed = new Promise<string[]>((resolve) => (claimed = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = dataSource.transaction(async (manager) => {
      claimed((await open(manager, ['a1', 'a2'])).map((o) => o.id));
      await held;
      await manager.update(Offer, { id: 'a1' }, { status: 'expired' });
    });
    // The first transaction holds a1 and a2 until released; the second does not wait for them.
    const claimedByFirst = await firstClaimed;
    const second = await dataSource.transaction(async (manager) => (await open(manager, ['a1', 'a2', 'a3'])).map((o) => o.id));
    expect(claimedByFirst).toEqual(['a1', 'a2']);
    expect(second).toEqual(['a3']);
    release();
    await first;
    // a1 was done meanwhile: it no longer matches; a2 was only held, and is due again.
    const third = await dataSource.transaction(async (manager) => (await open(manager, ['a1', 'a2'])).map((o) => o.id));
    expect(third).toEqual(['a2']);
  });

  it('refuses to claim outside a transaction, where the claim would end at once', async () => {
    await seed(dataSource, ['b1']);
    await expect(open(dataSource.manager, ['b1'])).rejects.toThrow(/transaction/);
  });
});

describe('claimDue on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-claims-'));
    dataSource = await openServiceDatabase({ service: 'claims', dataDir: dir, entities: [Offer], migrations: [OffersTable1700000000000] });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads what is due', async () => {
    await seed(dataSource, ['c1', 'c2']);
    await dataSource.getRepository(Offer).update({ id: 'c2' }, { status: 'expired' });
    expect(await dataSource.transaction(async (manager) => (await open(manager, ['c1', 'c2'])).map((o) => o.id))).toEqual(['c1']);
  });
});

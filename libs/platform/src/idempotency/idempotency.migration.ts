import { dialectOf } from '@crosswalk/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class IdempotencyRecords1764600000000 implements MigrationInterface {
  name = 'IdempotencyRecords1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const types = dialectOf(queryRunner.connection).columnTypes;
    await queryRunner.createTable(
      new Table({
        name: 'platform_idempotency',
        columns: [
          { name: 'caller', type: 'varchar', length: '191', isPrimary: true },
          { name: 'idempotencyKey', type: 'varchar', length: '128', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'responseStatus', type: 'int', isNullable: true },
          { name: 'responseBody', type: types.longText, isNullable: true },
          { name: 'responseLocation', type: 'varchar', length: '500', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'IDX_platform_idempotency_createdAt', columnNames: ['createdAt'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('platform_idempotency', true);
  }
}

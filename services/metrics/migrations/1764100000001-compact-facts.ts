import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CompactFacts1764100000001 implements MigrationInterface {
  name = 'CompactFacts1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'metrics_compact',
        columns: [
          { name: 'compactId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'signedOn', type: 'date' },
        ],
        indices: [{ name: 'ix_metrics_compact_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_compact_signature',
        columns: [
          { name: 'signatoryId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'compactId', type: 'varchar', length: '36' },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'organizationId', type: 'varchar', length: '36' },
          { name: 'personId', type: 'varchar', length: '36' },
          { name: 'roleAtSigning', type: 'varchar', length: '60', isNullable: true },
          { name: 'signedOn', type: 'date' },
        ],
        indices: [
          { name: 'ix_metrics_signature_compact', columnNames: ['compactId'] },
          { name: 'ix_metrics_signature_city', columnNames: ['cityId'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('metrics_compact_signature');
    await queryRunner.dropTable('metrics_compact');
  }
}

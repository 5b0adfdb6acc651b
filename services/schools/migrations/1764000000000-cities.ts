import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class Cities1764000000000 implements MigrationInterface {
  name = 'Cities1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'city',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'state', type: 'varchar', length: '2' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createIndex('city', new TableIndex({ name: 'uq_city_name_state', columnNames: ['name', 'state'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('city');
  }
}

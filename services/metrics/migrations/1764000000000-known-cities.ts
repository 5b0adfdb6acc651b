import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class KnownCities1764000000000 implements MigrationInterface {
  name = 'KnownCities1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'known_city',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'state', type: 'varchar', length: '2' },
          { name: 'joinedAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('known_city');
  }
}

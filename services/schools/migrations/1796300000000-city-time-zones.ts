import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A city's optional IANA time zone (events take it when they name none). */
export class CityTimeZones1796300000000 implements MigrationInterface {
  name = 'CityTimeZones1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('city', new TableColumn({ name: 'timeZone', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('city', 'timeZone');
  }
}

import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A city's IANA time zone, when the directory gives one (CityCreated and CityUpdated carry it since then). */
export class DirectoryCopyCityTimeZone1796300000000 implements MigrationInterface {
  name = 'DirectoryCopyCityTimeZone1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('directory_copy_city', new TableColumn({ name: 'timeZone', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('directory_copy_city', 'timeZone');
  }
}

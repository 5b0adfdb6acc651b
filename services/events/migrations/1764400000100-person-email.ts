import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The local copy of people keeps their address, for notifications. Rows from before stay without one until
 * `npm run replay -- events events` rebuilds the copy from the directory's events.
 */
export class PersonEmail1764400000100 implements MigrationInterface {
  name = 'PersonEmail1764400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('event_known_person', new TableColumn({ name: 'email', type: 'varchar', length: '320', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('event_known_person', 'email');
  }
}

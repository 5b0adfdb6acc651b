import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Attendance corrections say why: the reason is kept on the registration's history row. */
export class AttendanceReasons1764400000002 implements MigrationInterface {
  name = 'AttendanceReasons1764400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('event_registration_change', new TableColumn({ name: 'reason', type: 'varchar', length: '500', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('event_registration_change', 'reason');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/**
 * Series (their sessions are events), the completion outcomes decided when a series' last session ends,
 * registration windows and facilitators of events, and the series a registration was made through.
 */
export class SeriesCreditWindowsFacilitators1764400000040 implements MigrationInterface {
  name = 'SeriesCreditWindowsFacilitators1764400000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_series',
        columns: [
          id('id', true),
          id('cityId'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'requiredSessions', type: 'int' },
          { name: 'completionCreditHours', type: 'double' },
          { name: 'status', type: 'varchar', length: '20' },
          instant('decidedAt', true),
          instant('createdAt'),
        ],
        indices: [{ name: 'ix_event_series_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.addColumns('event_event', [
      new TableColumn({ name: 'seriesId', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'seriesPosition', type: 'int', isNullable: true }),
      new TableColumn(instant('registrationOpensAt', true)),
      new TableColumn(instant('registrationClosesAt', true)),
    ]);
    await queryRunner.createIndex('event_event', new TableIndex({ name: 'ix_event_event_series', columnNames: ['seriesId', 'seriesPosition'] }));
    await queryRunner.createTable(
      new Table({
        name: 'event_facilitator',
        columns: [id('eventId', true), id('personId', true), { name: 'position', type: 'int' }],
        indices: [{ name: 'ix_event_facilitator_person', columnNames: ['personId'] }],
        foreignKeys: [{ columnNames: ['eventId'], referencedTableName: 'event_event', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.addColumn('event_registration', new TableColumn({ name: 'seriesId', type: 'varchar', length: '36', isNullable: true }));
    // The transcript reads a person's registrations across events through ix_event_registration_person_status,
    // which the calendar-subscriptions migration already made for the person's calendar.
    await queryRunner.createTable(
      new Table({
        name: 'event_series_outcome',
        columns: [
          id('seriesId', true),
          id('personId', true),
          id('cityId'),
          { name: 'sessionsAttended', type: 'int' },
          { name: 'completed', type: 'boolean' },
          { name: 'sessionCreditHours', type: 'double' },
          { name: 'completionCreditHours', type: 'double' },
          instant('decidedAt'),
        ],
        indices: [{ name: 'ix_event_series_outcome_person', columnNames: ['personId'] }],
        foreignKeys: [{ columnNames: ['seriesId'], referencedTableName: 'event_series', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_series_outcome');
    await queryRunner.dropColumn('event_registration', 'seriesId');
    await queryRunner.dropTable('event_facilitator');
    await queryRunner.dropIndex('event_event', 'ix_event_event_series');
    await queryRunner.dropColumns('event_event', ['registrationClosesAt', 'registrationOpensAt', 'seriesPosition', 'seriesId']);
    await queryRunner.dropTable('event_series');
  }
}

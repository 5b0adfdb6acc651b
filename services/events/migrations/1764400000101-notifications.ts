import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/** Emails to people about their registrations: what is due, what was sent, what failed and why. */
export class Notifications1764400000101 implements MigrationInterface {
  name = 'Notifications1764400000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_notification',
        columns: [
          id('id', true),
          id('sourceEventId'),
          { name: 'kind', type: 'varchar', length: '40' },
          id('personId'),
          id('eventId'),
          id('registrationId'),
          id('cityId'),
          { name: 'toAddress', type: 'varchar', length: '320', isNullable: true },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'body', type: 'text' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'int' },
          { name: 'lastError', type: 'varchar', length: '1000', isNullable: true },
          { name: 'skipReason', type: 'varchar', length: '40', isNullable: true },
          instant('nextAttemptAt', true),
          instant('occurredAt'),
          instant('createdAt'),
          instant('sentAt', true),
        ],
        indices: [
          { name: 'ux_event_notification_source', columnNames: ['sourceEventId', 'registrationId'], isUnique: true },
          { name: 'ix_event_notification_due', columnNames: ['status', 'nextAttemptAt'] },
          { name: 'ix_event_notification_person', columnNames: ['personId'] },
          { name: 'ix_event_notification_event', columnNames: ['eventId'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_notification');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/**
 * Calendar subscriptions (secret URLs, stored as hashes) and the cities each may show; and an index for a
 * person's registrations, which the person's calendar feed reads (the existing ones lead with the event).
 */
export class CalendarSubscriptions1764400000020 implements MigrationInterface {
  name = 'CalendarSubscriptions1764400000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_calendar_subscription',
        columns: [
          id('id', true),
          { name: 'feed', type: 'varchar', length: '10' },
          optionalId('cityId'),
          optionalId('personId'),
          { name: 'secretHash', type: 'varchar', length: '64' },
          { name: 'createdBy', type: 'varchar', length: '200' },
          instant('createdAt'),
          { name: 'revokedBy', type: 'varchar', length: '200', isNullable: true },
          instant('revokedAt', true),
        ],
        indices: [
          { name: 'ux_event_calendar_subscription_secret', columnNames: ['secretHash'], isUnique: true },
          { name: 'ix_event_calendar_subscription_city', columnNames: ['cityId'] },
          { name: 'ix_event_calendar_subscription_person', columnNames: ['personId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_calendar_subscription_city',
        columns: [id('subscriptionId', true), id('cityId', true)],
      }),
    );
    await queryRunner.createIndex('event_registration', new TableIndex({ name: 'ix_event_registration_person_status', columnNames: ['personId', 'status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('event_registration', 'ix_event_registration_person_status');
    await queryRunner.dropTable('event_calendar_subscription_city');
    await queryRunner.dropTable('event_calendar_subscription');
  }
}

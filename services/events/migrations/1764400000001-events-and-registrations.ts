import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/** Events (topics, reschedules, flags) and registrations with their status history. */
export class EventsAndRegistrations1764400000001 implements MigrationInterface {
  name = 'EventsAndRegistrations1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_event',
        columns: [
          id('id', true),
          id('cityId'),
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'title', type: 'varchar', length: '200' },
          optionalId('hostSchoolId'),
          { name: 'hostSector', type: 'varchar', length: '30', isNullable: true },
          { name: 'venue', type: 'varchar', length: '300', isNullable: true },
          instant('startsAt'),
          instant('endsAt'),
          { name: 'timeZone', type: 'varchar', length: '64' },
          { name: 'startsOn', type: 'date' },
          { name: 'capacity', type: 'int', isNullable: true },
          { name: 'waitlistOrdering', type: 'varchar', length: '20' },
          { name: 'offerHours', type: 'int' },
          { name: 'creditHours', type: 'double' },
          { name: 'audience', type: 'varchar', length: '30' },
          { name: 'format', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'sequence', type: 'int' },
          { name: 'cancelReason', type: 'varchar', length: '500', isNullable: true },
          instant('cancelledAt', true),
          instant('closedAt', true),
          instant('createdAt'),
        ],
        indices: [
          { name: 'ix_event_event_city', columnNames: ['cityId', 'startsOn'] },
          { name: 'ix_event_event_host', columnNames: ['hostSchoolId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_topic',
        columns: [id('eventId', true), { name: 'topic', type: 'varchar', length: '60', isPrimary: true }],
        indices: [{ name: 'ix_event_topic_topic', columnNames: ['topic'] }],
        foreignKeys: [{ columnNames: ['eventId'], referencedTableName: 'event_event', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_reschedule',
        columns: [
          id('id', true),
          id('eventId'),
          { name: 'sequence', type: 'int' },
          instant('previousStartsAt'),
          instant('previousEndsAt'),
          { name: 'previousTimeZone', type: 'varchar', length: '64' },
          instant('startsAt'),
          instant('endsAt'),
          { name: 'timeZone', type: 'varchar', length: '64' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          instant('recordedAt'),
        ],
        indices: [{ name: 'ix_event_reschedule_event', columnNames: ['eventId', 'sequence'] }],
        foreignKeys: [{ columnNames: ['eventId'], referencedTableName: 'event_event', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_flag',
        columns: [
          id('eventId', true),
          { name: 'reason', type: 'varchar', length: '30', isPrimary: true },
          id('source', true),
          { name: 'effectiveDate', type: 'date' },
          optionalId('transitionId'),
          instant('recordedAt'),
        ],
        indices: [{ name: 'ix_event_flag_reason', columnNames: ['reason'] }],
        foreignKeys: [{ columnNames: ['eventId'], referencedTableName: 'event_event', referencedColumnNames: ['id'] }],
      }),
    );
    // No foreign key from registrations to the event: inserts would take a shared lock on the event row that
    // the seat transactions then want exclusively, and the lock order they rely on is "event first".
    await queryRunner.createTable(
      new Table({
        name: 'event_registration',
        columns: [
          id('id', true),
          id('eventId'),
          id('cityId'),
          id('personId'),
          { name: 'status', type: 'varchar', length: '20' },
          optionalId('snapshotSchoolId'),
          { name: 'snapshotSector', type: 'varchar', length: '30', isNullable: true },
          optionalId('snapshotCityId'),
          { name: 'snapshotRole', type: 'varchar', length: '60', isNullable: true },
          instant('registeredAt'),
          instant('offeredAt', true),
          instant('offerExpiresAt', true),
        ],
        indices: [
          { name: 'ix_event_registration_event', columnNames: ['eventId', 'status'] },
          { name: 'ix_event_registration_person', columnNames: ['eventId', 'personId'] },
          { name: 'ix_event_registration_offer', columnNames: ['status', 'offerExpiresAt'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_registration_change',
        columns: [
          id('id', true),
          id('registrationId'),
          id('eventId'),
          { name: 'seq', type: 'int' },
          { name: 'fromStatus', type: 'varchar', length: '20', isNullable: true },
          { name: 'toStatus', type: 'varchar', length: '20' },
          { name: 'cause', type: 'varchar', length: '20' },
          instant('at'),
        ],
        indices: [{ name: 'ix_event_registration_change_registration', columnNames: ['registrationId', 'seq'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['event_registration_change', 'event_registration', 'event_flag', 'event_reschedule', 'event_topic', 'event_event']) {
      await queryRunner.dropTable(table);
    }
  }
}

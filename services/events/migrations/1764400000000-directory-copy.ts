import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });

/** The local copy of the directory: cities, schools, people and role transitions. */
export class DirectoryCopy1764400000000 implements MigrationInterface {
  name = 'DirectoryCopy1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_known_city',
        columns: [id('id', true), { name: 'name', type: 'varchar', length: '200' }, { name: 'state', type: 'varchar', length: '2' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_known_school',
        columns: [
          id('id', true),
          id('cityId'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'sector', type: 'varchar', length: '30' },
          { name: 'closedOn', type: 'date', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(new Table({ name: 'event_known_person', columns: [id('id', true), { name: 'fullName', type: 'varchar', length: '200' }] }));
    await queryRunner.createTable(
      new Table({
        name: 'event_role_transition',
        columns: [
          id('id', true),
          { name: 'holderKind', type: 'varchar', length: '20' },
          id('holderId'),
          id('cityId'),
          { name: 'role', type: 'varchar', length: '60' },
          optionalId('outgoingPersonId'),
          optionalId('incomingPersonId'),
          { name: 'effectiveDate', type: 'date' },
          optionalId('supersedesTransitionId'),
          optionalId('supersededBy'),
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'ix_event_role_transition_incoming', columnNames: ['incomingPersonId'] },
          { name: 'ix_event_role_transition_holder', columnNames: ['holderId', 'role'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['event_role_transition', 'event_known_person', 'event_known_school', 'event_known_city']) {
      await queryRunner.dropTable(table);
    }
  }
}

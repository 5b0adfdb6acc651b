import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });

export class Colocations1764200000000 implements MigrationInterface {
  name = 'Colocations1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'colocation_known_school',
        columns: [
          id('id', true),
          id('cityId'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'sector', type: 'varchar', length: '30' },
          { name: 'closedOn', type: 'date', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'colocation_known_person', columns: [id('id', true), { name: 'fullName', type: 'varchar', length: '200' }] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'colocation_principal_transition',
        columns: [
          id('id', true),
          id('schoolId'),
          optionalId('outgoingPersonId'),
          optionalId('incomingPersonId'),
          { name: 'effectiveDate', type: 'date' },
          optionalId('supersedesTransitionId'),
          optionalId('supersededBy'),
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_colocation_principal_school', columnNames: ['schoolId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'colocation_site',
        columns: [
          id('id', true),
          { name: 'name', type: 'varchar', length: '200' },
          id('cityId'),
          { name: 'address', type: 'varchar', length: '500', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_colocation_site_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'colocation_partnership',
        columns: [
          id('id', true),
          id('siteId'),
          id('cityId'),
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'startedOn', type: 'date' },
          { name: 'endedOn', type: 'date', isNullable: true },
          { name: 'commitments', type: 'text' },
          { name: 'otherCommitments', type: 'text', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_colocation_partnership_city', columnNames: ['cityId', 'status'] }],
        foreignKeys: [{ columnNames: ['siteId'], referencedTableName: 'colocation_site', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'colocation_partnership_member',
        columns: [
          id('partnershipId', true),
          id('schoolId', true),
          optionalId('pendingTransitionId'),
          { name: 'pendingEffectiveDate', type: 'date', isNullable: true },
          { name: 'pendingDueBy', type: 'date', isNullable: true },
          optionalId('pendingOutgoingPersonId'),
          optionalId('pendingIncomingPersonId'),
        ],
        indices: [{ name: 'ix_colocation_member_school', columnNames: ['schoolId'] }],
        foreignKeys: [{ columnNames: ['partnershipId'], referencedTableName: 'colocation_partnership', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'colocation_status_change',
        columns: [
          id('id', true),
          id('partnershipId'),
          { name: 'seq', type: 'int' },
          { name: 'fromStatus', type: 'varchar', length: '30', isNullable: true },
          { name: 'toStatus', type: 'varchar', length: '30' },
          { name: 'cause', type: 'varchar', length: '30' },
          optionalId('schoolId'),
          optionalId('transitionId'),
          { name: 'effectiveDate', type: 'date' },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_colocation_status_change_partnership', columnNames: ['partnershipId', 'seq'] }],
        foreignKeys: [{ columnNames: ['partnershipId'], referencedTableName: 'colocation_partnership', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'colocation_status_change',
      'colocation_partnership_member',
      'colocation_partnership',
      'colocation_site',
      'colocation_principal_transition',
      'colocation_known_person',
      'colocation_known_school',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}

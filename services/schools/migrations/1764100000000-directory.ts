import { type MigrationInterface, type QueryRunner, Table, TableIndex, type TableColumnOptions } from 'typeorm';

const id = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const instant = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3 });
const businessDate = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });

/** Organizations, schools, people, role tenures, leadership transitions and compacts. */
export class Directory1764100000000 implements MigrationInterface {
  name = 'Directory1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = async (name: string, columns: TableColumnOptions[], indices: TableIndex[]) => {
      await queryRunner.createTable(new Table({ name, columns: [{ ...id('id'), isPrimary: true }, ...columns] }));
      for (const index of indices) await queryRunner.createIndex(name, index);
    };
    await table(
      'organization',
      [id('cityId'), text('name', 200), text('kind', 30), text('ncesLeaId', 7, true), instant('createdAt'), instant('updatedAt')],
      [
        new TableIndex({ name: 'ix_organization_city', columnNames: ['cityId'] }),
        new TableIndex({ name: 'uq_organization_nces_lea', columnNames: ['ncesLeaId'], isUnique: true }),
      ],
    );
    await table(
      'school',
      [
        id('cityId'),
        text('name', 200),
        text('sector', 20),
        id('organizationId', true),
        text('ncesId', 12, true),
        text('status', 10),
        businessDate('closedOn', true),
        instant('createdAt'),
        instant('updatedAt'),
      ],
      [
        new TableIndex({ name: 'ix_school_city', columnNames: ['cityId'] }),
        new TableIndex({ name: 'ix_school_organization', columnNames: ['organizationId'] }),
        new TableIndex({ name: 'uq_school_nces', columnNames: ['ncesId'], isUnique: true }),
      ],
    );
    await table(
      'person',
      [text('fullName', 200), text('email', 254), text('emailKey', 254), instant('createdAt'), instant('updatedAt')],
      [new TableIndex({ name: 'uq_person_email', columnNames: ['emailKey'], isUnique: true })],
    );
    await table(
      'role_tenure',
      [
        id('personId'),
        text('role', 60),
        text('holderKind', 20),
        id('holderId'),
        id('cityId'),
        businessDate('startDate'),
        businessDate('endDate', true),
        id('startedByTransitionId', true),
        id('endedByTransitionId', true),
        id('supersededByTransitionId', true),
        instant('recordedAt'),
      ],
      [
        new TableIndex({ name: 'ix_tenure_person', columnNames: ['personId'] }),
        new TableIndex({ name: 'ix_tenure_holder', columnNames: ['holderKind', 'holderId', 'role', 'startDate'] }),
      ],
    );
    await table(
      'leadership_transition',
      [
        text('holderKind', 20),
        id('holderId'),
        id('cityId'),
        text('role', 60),
        id('outgoingPersonId', true),
        id('incomingPersonId', true),
        businessDate('effectiveDate'),
        text('reason', 500, true),
        id('endedTenureId', true),
        id('startedTenureId', true),
        id('supersedesTransitionId', true),
        id('supersededByTransitionId', true),
        text('recordedBy', 120),
        instant('recordedAt'),
      ],
      [new TableIndex({ name: 'ix_transition_holder', columnNames: ['holderKind', 'holderId', 'role', 'effectiveDate'] })],
    );
    await table(
      'compact',
      [id('cityId'), text('title', 300), businessDate('signedOn'), instant('createdAt')],
      [new TableIndex({ name: 'ix_compact_city', columnNames: ['cityId'] })],
    );
    await table(
      'compact_signatory',
      [
        id('compactId'),
        id('organizationId'),
        id('personId'),
        text('roleAtSigning', 60, true),
        id('tenureId', true),
        businessDate('signedOn'),
        instant('recordedAt'),
      ],
      [
        new TableIndex({ name: 'ix_signatory_compact', columnNames: ['compactId'] }),
        new TableIndex({ name: 'uq_compact_signatory_org', columnNames: ['compactId', 'organizationId'], isUnique: true }),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['compact_signatory', 'compact', 'leadership_transition', 'role_tenure', 'person', 'school', 'organization']) {
      await queryRunner.dropTable(name);
    }
  }
}

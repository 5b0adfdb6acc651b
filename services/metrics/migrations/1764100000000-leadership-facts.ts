import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class LeadershipFacts1764100000000 implements MigrationInterface {
  name = 'LeadershipFacts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'metrics_leadership_transition',
        columns: [
          { name: 'transitionId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'holderKind', type: 'varchar', length: '20' },
          { name: 'holderId', type: 'varchar', length: '36' },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '60' },
          { name: 'outgoingPersonId', type: 'varchar', length: '36', isNullable: true },
          { name: 'incomingPersonId', type: 'varchar', length: '36', isNullable: true },
          { name: 'effectiveDate', type: 'date' },
          { name: 'supersedesTransitionId', type: 'varchar', length: '36', isNullable: true },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'ix_metrics_transition_city', columnNames: ['cityId', 'holderKind', 'role'] },
          { name: 'ix_metrics_transition_holder', columnNames: ['holderKind', 'holderId', 'role'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_school_closure',
        columns: [
          { name: 'schoolId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'closedOn', type: 'date' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('metrics_school_closure');
    await queryRunner.dropTable('metrics_leadership_transition');
  }
}

import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class RecommitmentRequests1764200000001 implements MigrationInterface {
  name = 'RecommitmentRequests1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'colocation_recommitment_request',
        columns: [
          { name: 'partnershipId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'transitionId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'schoolId', type: 'varchar', length: '36' },
          { name: 'effectiveDate', type: 'date' },
          { name: 'dueBy', type: 'date' },
          { name: 'requestedAt', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [{ columnNames: ['partnershipId'], referencedTableName: 'colocation_partnership', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('colocation_recommitment_request');
  }
}

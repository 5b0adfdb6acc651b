import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class PartnershipFacts1764100000002 implements MigrationInterface {
  name = 'PartnershipFacts1764100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'metrics_recommitment_request',
        columns: [
          { name: 'partnershipId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'transitionId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'schoolId', type: 'varchar', length: '36' },
          { name: 'effectiveDate', type: 'date' },
          { name: 'dueBy', type: 'date' },
          { name: 'requestedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_metrics_request_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_partnership_recommitment',
        columns: [
          { name: 'partnershipId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'transitionId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'schoolId', type: 'varchar', length: '36' },
          { name: 'personId', type: 'varchar', length: '36' },
          { name: 'recommittedOn', type: 'date' },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_metrics_recommitment_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_partnership_ending',
        columns: [
          { name: 'eventId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'partnershipId', type: 'varchar', length: '36' },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'cause', type: 'varchar', length: '30' },
          { name: 'effectiveDate', type: 'date' },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_metrics_ending_city', columnNames: ['cityId'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('metrics_partnership_ending');
    await queryRunner.dropTable('metrics_partnership_recommitment');
    await queryRunner.dropTable('metrics_recommitment_request');
  }
}

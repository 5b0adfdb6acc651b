import { dialectOf } from '@crosswalk/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The outbox and inbox tables. Written with TypeORM's portable schema API so the same migration runs on
 * MySQL/MariaDB and on embedded SQLite; the two column types the dialects disagree on come from the dialect.
 */
export class MessagingTables1732300000000 implements MigrationInterface {
  name = 'MessagingTables1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const types = dialectOf(queryRunner.connection).columnTypes;
    await queryRunner.createTable(
      new Table({
        name: 'messaging_outbox',
        columns: [
          { name: 'seq', type: types.autoIncrementId, isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'id', type: 'varchar', length: '36' },
          { name: 'topic', type: 'varchar', length: '249' },
          { name: 'key', type: 'varchar', length: '191' },
          { name: 'type', type: 'varchar', length: '191' },
          { name: 'version', type: 'int' },
          // Room for large payloads.
          { name: 'envelope', type: types.longText },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'sentAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'lastError', type: 'varchar', length: '1000', isNullable: true },
        ],
        uniques: [{ name: 'UQ_messaging_outbox_id', columnNames: ['id'] }],
        indices: [
          { name: 'IDX_messaging_outbox_status_seq', columnNames: ['status', 'seq'] },
          { name: 'IDX_messaging_outbox_key_status', columnNames: ['key', 'status'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'messaging_inbox',
        columns: [
          { name: 'consumer', type: 'varchar', length: '191', isPrimary: true },
          { name: 'eventId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'eventType', type: 'varchar', length: '191' },
          { name: 'topic', type: 'varchar', length: '249' },
          { name: 'partition', type: 'int' },
          { name: 'offset', type: 'varchar', length: '20' },
          { name: 'occurredAt', type: 'datetime', precision: 3 },
          { name: 'appliedAt', type: 'datetime', precision: 3 },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('messaging_inbox', true);
    await queryRunner.dropTable('messaging_outbox', true);
  }
}

import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });
const day = (name: string, isNullable = false) => ({ name, type: 'date', isNullable });
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

/** Placements (with their confirming tenure and end), the retention checkpoints recorded for them, and the directory events they followed. */
export class FellowshipPlacements1797200000000 implements MigrationInterface {
  name = 'FellowshipPlacements1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fellowship_placement',
        columns: [
          id('id', true),
          id('fellowId'),
          id('programId'),
          id('personId'),
          id('schoolId'),
          text('sector', 30),
          id('cityId'),
          text('role', 60),
          day('startsOn'),
          optionalId('transitionId'),
          day('tenureStartedOn', true),
          day('endedOn', true),
          text('endCause', 30, true),
          optionalId('endTransitionId'),
          day('nextCheckpointOn', true),
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'ix_fellowship_placement_fellow', columnNames: ['fellowId', 'startsOn'] },
          { name: 'ix_fellowship_placement_school', columnNames: ['schoolId', 'role'] },
          { name: 'ix_fellowship_placement_checkpoint', columnNames: ['nextCheckpointOn'] },
        ],
        foreignKeys: [{ columnNames: ['fellowId'], referencedTableName: 'fellowship_fellow', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fellowship_retention_checkpoint',
        columns: [
          id('placementId', true),
          { name: 'year', type: 'int', isPrimary: true },
          day('checkpointOn'),
          text('outcome', 20),
          { name: 'revision', type: 'int' },
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [{ columnNames: ['placementId'], referencedTableName: 'fellowship_placement', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'fellowship_placement_basis', columns: [id('eventId', true), { name: 'appliedAt', type: 'datetime', precision: 3 }] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('fellowship_placement_basis');
    await queryRunner.dropTable('fellowship_retention_checkpoint');
    await queryRunner.dropTable('fellowship_placement');
  }
}

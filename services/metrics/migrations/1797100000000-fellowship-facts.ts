import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Fellowships and residencies from `fellowships.programs.v1`: running totals and the state rows behind them. */
export class FellowshipFacts1797100000000 implements MigrationInterface {
  name = 'FellowshipFacts1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = (name: string, extra: { isPrimary?: boolean } = {}) => ({ name, type: 'varchar', length: '36', ...extra });
    const sector = (name: string, extra: { isPrimary?: boolean } = {}) => ({ name, type: 'varchar', length: '20', ...extra });
    const total = (name: string) => ({ name, type: 'int', default: 0 });
    const flag = (name: string) => ({ name, type: 'boolean', default: false });
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_program',
        columns: [
          id('programId', { isPrimary: true }),
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'kind', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_program_city',
        columns: [id('programId', { isPrimary: true }), id('cityId', { isPrimary: true })],
        indices: [{ name: 'ix_metrics_fs_program_city_city', columnNames: ['cityId', 'programId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_cohort',
        columns: [id('cohortId', { isPrimary: true }), id('programId'), { name: 'name', type: 'varchar', length: '200', isNullable: true }],
        indices: [{ name: 'ix_metrics_fs_cohort_program', columnNames: ['programId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_fellow',
        columns: [
          id('fellowId', { isPrimary: true }),
          id('programId'),
          id('cohortId'),
          sector('originSector'),
          { name: 'stage', type: 'varchar', length: '16', isNullable: true },
          flag('enrolled'),
          total('placements'),
          total('confirmedPlacements'),
        ],
      }),
    );
    const checkpoint = (year: number) => [{ name: `outcome${year}y`, type: 'varchar', length: '8', isNullable: true }, total(`revision${year}y`)];
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_placement',
        columns: [
          id('placementId', { isPrimary: true }),
          id('fellowId'),
          sector('placementSector'),
          flag('confirmed'),
          ...checkpoint(1),
          ...checkpoint(2),
          ...checkpoint(3),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_tally',
        columns: [
          id('programId', { isPrimary: true }),
          id('cohortId', { isPrimary: true }),
          sector('originSector', { isPrimary: true }),
          ...[
            'applied',
            'enrolled',
            'completed',
            'withdrawn',
            'notCompleted',
            'placed',
            'placedConfirmed',
            'placements',
            'confirmedPlacements',
            'retained1y',
            'left1y',
            'retained2y',
            'left2y',
            'retained3y',
            'left3y',
            'mentorDepartures',
          ].map(total),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_flow',
        columns: [
          id('programId', { isPrimary: true }),
          id('cohortId', { isPrimary: true }),
          sector('originSector', { isPrimary: true }),
          sector('placementSector', { isPrimary: true }),
          total('placements'),
          total('confirmedPlacements'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_fs_mentor_departure',
        columns: [id('mentorshipId', { isPrimary: true }), id('fellowId'), { name: 'duringCohort', type: 'boolean' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'metrics_fs_mentor_departure',
      'metrics_fs_flow',
      'metrics_fs_tally',
      'metrics_fs_placement',
      'metrics_fs_fellow',
      'metrics_fs_cohort',
      'metrics_fs_program_city',
      'metrics_fs_program',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}

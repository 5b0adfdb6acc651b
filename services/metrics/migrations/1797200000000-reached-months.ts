import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The months each person, school and school leader was reached in, per city and across the network, and
 * their counts by previous month (`src/programs/reached-month.entity.ts`): what makes a period's distinct
 * reach a sum of a few rows. Filled from the participation rows already there, so an installation does not
 * need a replay to answer from them.
 */
export class ReachedMonths1797200000000 implements MigrationInterface {
  name = 'ReachedMonths1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const scope = { name: 'scopeKey', type: 'integer', isPrimary: true };
    const kind = { name: 'subjectKind', type: 'varchar', length: '8', isPrimary: true };
    const month = (name: string, isPrimary: boolean) => ({ name, type: 'varchar', length: '7', isPrimary });
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_reached_month',
        columns: [
          scope,
          kind,
          month('month', true),
          { name: 'subjectKey', type: 'integer', isPrimary: true },
          { name: 'attendances', type: 'integer' },
          month('previousMonth', false),
        ],
        indices: [{ name: 'ix_metrics_pd_reached_month_subject', columnNames: ['scopeKey', 'subjectKind', 'subjectKey', 'month'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_reached_month_count',
        columns: [scope, kind, month('month', true), month('previousMonth', true), { name: 'subjects', type: 'integer' }],
      }),
    );
    await fillReachedMonths(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('metrics_pd_reached_month_count');
    await queryRunner.dropTable('metrics_pd_reached_month');
  }
}

/**
 * Fills both tables from `metrics_pd_participation` (they must be empty): what the handlers would have kept
 * had they applied those attendances one by one. Window functions (MySQL 8, MariaDB 10.2, SQLite 3.25) give
 * each month its previous one. Exported for the scale measurement, which seeds participation rows directly.
 */
export async function fillReachedMonths(queryRunner: QueryRunner): Promise<void> {
  const month = 'SUBSTR(p.startsOn, 1, 7)';
  const subjects = [
    { kind: 'person', column: 'p.personKey' },
    { kind: 'school', column: 'p.schoolKey' },
    { kind: 'leader', column: 'p.leaderKey' },
  ];
  for (const { kind, column } of subjects) {
    // Per city, and across the network (scope 0: a constant, so grouped by subject and month alone).
    for (const scope of [
      { key: 'p.cityKey', groupBy: 'p.cityKey, ' },
      { key: '0', groupBy: '' },
    ]) {
      await queryRunner.query(
        `INSERT INTO metrics_pd_reached_month (scopeKey, subjectKind, month, subjectKey, attendances, previousMonth)
         SELECT scopeKey, '${kind}', month, subjectKey, attendances,
                COALESCE(LAG(month) OVER (PARTITION BY scopeKey, subjectKey ORDER BY month), '')
           FROM (SELECT ${scope.key} AS scopeKey, ${column} AS subjectKey, ${month} AS month, COUNT(*) AS attendances
                   FROM metrics_pd_participation p
                  WHERE ${column} IS NOT NULL
                  GROUP BY ${scope.groupBy}${column}, ${month}) reached`,
      );
    }
  }
  await queryRunner.query(
    `INSERT INTO metrics_pd_reached_month_count (scopeKey, subjectKind, month, previousMonth, subjects)
     SELECT scopeKey, subjectKind, month, previousMonth, COUNT(*)
       FROM metrics_pd_reached_month
      GROUP BY scopeKey, subjectKind, month, previousMonth`,
  );
}

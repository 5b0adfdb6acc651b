import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { ReachedMonths1797200000000 } from './1797200000000-reached-months';

/**
 * Each reached month's first and last attended day and the subject's next month reached
 * (`src/programs/reached-month.entity.ts`): what makes a period's edge days a scan of one month's rows. The
 * month rows are made again from the participation rows (the counts by previous month do not change), so an
 * installation does not need a replay.
 */
export class ReachedMonthDays1797300000000 implements MigrationInterface {
  name = 'ReachedMonthDays1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const month = (name: string, isPrimary: boolean) => ({ name, type: 'varchar', length: '7', isPrimary });
    const day = (name: string) => ({ name, type: 'date' });
    await queryRunner.dropTable('metrics_pd_reached_month');
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_reached_month',
        columns: [
          { name: 'scopeKey', type: 'integer', isPrimary: true },
          { name: 'subjectKind', type: 'varchar', length: '8', isPrimary: true },
          month('month', true),
          { name: 'subjectKey', type: 'integer', isPrimary: true },
          { name: 'attendances', type: 'integer' },
          month('previousMonth', false),
          month('nextMonth', false),
          day('firstDay'),
          day('lastDay'),
        ],
        indices: [{ name: 'ix_metrics_pd_reached_month_subject', columnNames: ['scopeKey', 'subjectKind', 'subjectKey', 'month'] }],
      }),
    );
    await fillReachedMonthRows(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The previous shape, filled again as its own migration fills it.
    await queryRunner.dropTable('metrics_pd_reached_month_count');
    await queryRunner.dropTable('metrics_pd_reached_month');
    await new ReachedMonths1797200000000().up(queryRunner);
  }
}

/**
 * Fills `metrics_pd_reached_month` (which must be empty) from `metrics_pd_participation`: what the handlers
 * would have kept had they applied those attendances one by one. Window functions (MySQL 8, MariaDB 10.2,
 * SQLite 3.25) give each month its previous and next ones ('9999-99', NO_LATER_MONTH, for none).
 */
export async function fillReachedMonthRows(queryRunner: QueryRunner): Promise<void> {
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
        `INSERT INTO metrics_pd_reached_month (scopeKey, subjectKind, month, subjectKey, attendances, previousMonth, nextMonth, firstDay, lastDay)
         SELECT scopeKey, '${kind}', month, subjectKey, attendances,
                COALESCE(LAG(month) OVER (PARTITION BY scopeKey, subjectKey ORDER BY month), ''),
                COALESCE(LEAD(month) OVER (PARTITION BY scopeKey, subjectKey ORDER BY month), '9999-99'),
                firstDay, lastDay
           FROM (SELECT ${scope.key} AS scopeKey, ${column} AS subjectKey, ${month} AS month, COUNT(*) AS attendances,
                        MIN(p.startsOn) AS firstDay, MAX(p.startsOn) AS lastDay
                   FROM metrics_pd_participation p
                  WHERE ${column} IS NOT NULL
                  GROUP BY ${scope.groupBy}${column}, ${month}) reached`,
      );
    }
  }
}

/** Fills `metrics_pd_reached_month_count` (which must be empty) from the month rows. */
export async function fillReachedMonthCounts(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `INSERT INTO metrics_pd_reached_month_count (scopeKey, subjectKind, month, previousMonth, subjects)
     SELECT scopeKey, subjectKind, month, previousMonth, COUNT(*)
       FROM metrics_pd_reached_month
      GROUP BY scopeKey, subjectKind, month, previousMonth`,
  );
}

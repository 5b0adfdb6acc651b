import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Professional development from `events.programs.v1`, and the directory's schools by city. */
export class ProgramFacts1764200000000 implements MigrationInterface {
  name = 'ProgramFacts1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = (name: string, extra: { isPrimary?: boolean; isNullable?: boolean } = {}) => ({ name, type: 'varchar', length: '36', ...extra });
    const total = (name: string) => ({ name, type: 'int', default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'metrics_known_school',
        columns: [id('schoolId', { isPrimary: true }), id('cityId')],
        indices: [{ name: 'ix_metrics_known_school_city', columnNames: ['cityId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_event',
        columns: [
          id('eventId', { isPrimary: true }),
          id('cityId'),
          id('seriesId', { isNullable: true }),
          { name: 'title', type: 'varchar', length: '200' },
          id('hostSchoolId', { isNullable: true }),
          { name: 'hostSector', type: 'varchar', length: '20', isNullable: true },
          { name: 'startsOn', type: 'date' },
          { name: 'status', type: 'varchar', length: '12' },
          total('registrations'),
          total('attendances'),
          total('responses'),
          total('usefulnessTotal'),
          total('promoters'),
          total('detractors'),
        ],
        indices: [
          { name: 'ix_metrics_pd_event_period', columnNames: ['cityId', 'startsOn'] },
          { name: 'ix_metrics_pd_event_series', columnNames: ['seriesId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_sector_attendance',
        columns: [id('eventId', { isPrimary: true }), { name: 'attendeeSector', type: 'varchar', length: '20', isPrimary: true }, total('attendances')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_registration',
        columns: [id('registrationId', { isPrimary: true }), id('eventId'), { name: 'status', type: 'varchar', length: '12' }],
      }),
    );
    const key = (name: string, extra: { isPrimary?: boolean; isNullable?: boolean } = {}) => ({ name, type: 'integer', ...extra });
    const generatedKey = (name: string) => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const });
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_subject',
        columns: [generatedKey('subjectKey'), { name: 'kind', type: 'varchar', length: '8' }, id('externalId')],
        indices: [{ name: 'ux_metrics_pd_subject', columnNames: ['kind', 'externalId'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_participation',
        columns: [
          generatedKey('participationId'),
          id('registrationId'),
          id('eventId'),
          key('cityKey'),
          key('personKey'),
          { name: 'startsOn', type: 'date' },
          key('schoolKey', { isNullable: true }),
          key('leaderKey', { isNullable: true }),
        ],
        indices: [
          { name: 'ix_metrics_pd_participation_period', columnNames: ['cityKey', 'startsOn', 'personKey', 'schoolKey', 'leaderKey'] },
          { name: 'ix_metrics_pd_participation_person', columnNames: ['cityKey', 'personKey', 'startsOn'] },
          { name: 'ix_metrics_pd_participation_school', columnNames: ['cityKey', 'schoolKey', 'startsOn'] },
          { name: 'ix_metrics_pd_participation_event', columnNames: ['eventId'] },
          { name: 'ux_metrics_pd_participation_registration', columnNames: ['registrationId'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_first_attendance',
        columns: [
          key('cityKey', { isPrimary: true }),
          { name: 'subjectKind', type: 'varchar', length: '8', isPrimary: true },
          key('subjectKey', { isPrimary: true }),
          { name: 'firstOn', type: 'date' },
          key('attendances'),
        ],
        indices: [
          { name: 'ix_metrics_pd_first_attendance_day', columnNames: ['cityKey', 'subjectKind', 'firstOn'] },
          { name: 'ix_metrics_pd_first_attendance_subject', columnNames: ['subjectKind', 'subjectKey', 'firstOn'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_survey_response',
        columns: [
          id('responseId', { isPrimary: true }),
          id('eventId'),
          { name: 'revision', type: 'int' },
          { name: 'usefulness', type: 'int' },
          { name: 'recommend', type: 'int' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metrics_pd_series',
        columns: [
          id('seriesId', { isPrimary: true }),
          id('cityId'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'sessions', type: 'int' },
          { name: 'requiredSessions', type: 'int' },
          { name: 'completedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'participants', type: 'int', isNullable: true },
          { name: 'completed', type: 'int', isNullable: true },
          { name: 'creditHours', type: 'double', isNullable: true },
        ],
        indices: [{ name: 'ix_metrics_pd_series_city', columnNames: ['cityId'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'metrics_pd_series',
      'metrics_pd_survey_response',
      'metrics_pd_first_attendance',
      'metrics_pd_participation',
      'metrics_pd_subject',
      'metrics_pd_registration',
      'metrics_pd_sector_attendance',
      'metrics_pd_event',
      'metrics_known_school',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}

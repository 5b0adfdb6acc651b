import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });
const instant = (name: string) => ({ name, type: 'datetime', precision: 3 });
const day = (name: string, isNullable = false) => ({ name, type: 'date', isNullable });
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

/** Programs, cohorts with their host schools and mentors, fellows with their stages, checklists and mentorships. */
export class Fellowships1797000000000 implements MigrationInterface {
  name = 'Fellowships1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      new Table({
        name: 'fellowship_program',
        columns: [
          id('id', true),
          text('name', 200),
          text('kind', 40),
          id('operatorOrganizationId'),
          text('status', 20),
          day('discontinuedOn', true),
          text('discontinueReason', 500, true),
          instant('createdAt'),
        ],
      }),
      new Table({
        name: 'fellowship_program_city',
        columns: [id('programId', true), id('cityId', true)],
        indices: [{ name: 'ix_fellowship_program_city_city', columnNames: ['cityId'] }],
        foreignKeys: [{ columnNames: ['programId'], referencedTableName: 'fellowship_program', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_requirement',
        columns: [id('id', true), id('programId'), { name: 'position', type: 'int' }, text('text', 500), { name: 'required', type: 'boolean' }],
        indices: [{ name: 'ix_fellowship_requirement_program', columnNames: ['programId', 'position'] }],
        foreignKeys: [{ columnNames: ['programId'], referencedTableName: 'fellowship_program', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_cohort',
        columns: [id('id', true), id('programId'), text('name', 200), day('startsOn'), day('endsOn'), text('status', 20), instant('createdAt')],
        indices: [{ name: 'ix_fellowship_cohort_program', columnNames: ['programId', 'status'] }],
        foreignKeys: [{ columnNames: ['programId'], referencedTableName: 'fellowship_program', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_cohort_status_change',
        columns: [
          id('id', true),
          id('cohortId'),
          { name: 'seq', type: 'int' },
          text('fromStatus', 20, true),
          text('toStatus', 20),
          day('effectiveDate'),
          text('cause', 30, true),
          text('reason', 500, true),
          instant('recordedAt'),
        ],
        indices: [{ name: 'ix_fellowship_cohort_status_change_cohort', columnNames: ['cohortId', 'seq'] }],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'fellowship_cohort', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_host_school',
        columns: [
          id('cohortId', true),
          id('schoolId', true),
          { name: 'position', type: 'int' },
          text('status', 30),
          optionalId('confirmedPrincipalPersonId'),
          optionalId('pendingTransitionId'),
          optionalId('pendingOutgoingPersonId'),
          optionalId('pendingIncomingPersonId'),
          day('pendingEffectiveDate', true),
        ],
        indices: [{ name: 'ix_fellowship_host_school_school', columnNames: ['schoolId'] }],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'fellowship_cohort', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_host_school_mentor',
        columns: [id('cohortId', true), id('schoolId', true), id('personId', true)],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'fellowship_cohort', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_host_site_change',
        columns: [
          id('id', true),
          id('cohortId'),
          id('schoolId'),
          { name: 'seq', type: 'int' },
          text('status', 30),
          optionalId('transitionId'),
          optionalId('personId'),
          day('effectiveDate'),
          instant('recordedAt'),
        ],
        indices: [{ name: 'ix_fellowship_host_site_change_site', columnNames: ['cohortId', 'schoolId', 'seq'] }],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'fellowship_cohort', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_fellow',
        columns: [
          id('id', true),
          id('programId'),
          id('cohortId'),
          id('personId'),
          text('stage', 20),
          day('appliedOn'),
          day('stageEffectiveDate'),
          optionalId('originSchoolId'),
          text('originSector', 30, true),
          optionalId('originCityId'),
          text('originRole', 60, true),
          { name: 'needsMentor', type: 'boolean' },
          instant('createdAt'),
        ],
        indices: [
          { name: 'ux_fellowship_fellow_cohort_person', columnNames: ['cohortId', 'personId'], isUnique: true },
          { name: 'ix_fellowship_fellow_program_person', columnNames: ['programId', 'personId'] },
          { name: 'ix_fellowship_fellow_cohort_mentor', columnNames: ['cohortId', 'needsMentor'] },
        ],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'fellowship_cohort', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_stage_change',
        columns: [
          id('id', true),
          id('fellowId'),
          { name: 'seq', type: 'int' },
          text('fromStage', 20, true),
          text('toStage', 20),
          day('effectiveDate'),
          text('reason', 500, true),
          instant('recordedAt'),
        ],
        indices: [{ name: 'ix_fellowship_stage_change_fellow', columnNames: ['fellowId', 'seq'] }],
        foreignKeys: [{ columnNames: ['fellowId'], referencedTableName: 'fellowship_fellow', referencedColumnNames: ['id'] }],
      }),
      new Table({
        name: 'fellowship_requirement_check',
        columns: [id('fellowId', true), id('requirementId', true), { name: 'met', type: 'boolean' }, day('recordedOn'), instant('recordedAt')],
        foreignKeys: [
          { columnNames: ['fellowId'], referencedTableName: 'fellowship_fellow', referencedColumnNames: ['id'] },
          { columnNames: ['requirementId'], referencedTableName: 'fellowship_requirement', referencedColumnNames: ['id'] },
        ],
      }),
      new Table({
        name: 'fellowship_mentorship',
        columns: [
          id('id', true),
          id('fellowId'),
          id('mentorPersonId'),
          id('hostSchoolId'),
          day('startsOn'),
          day('endsOn', true),
          text('status', 20),
          text('endCause', 30, true),
          optionalId('departureTransitionId'),
          instant('createdAt'),
        ],
        indices: [
          { name: 'ix_fellowship_mentorship_fellow', columnNames: ['fellowId', 'startsOn'] },
          { name: 'ix_fellowship_mentorship_mentor', columnNames: ['mentorPersonId', 'hostSchoolId', 'status'] },
        ],
        foreignKeys: [{ columnNames: ['fellowId'], referencedTableName: 'fellowship_fellow', referencedColumnNames: ['id'] }],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'fellowship_mentorship',
      'fellowship_requirement_check',
      'fellowship_stage_change',
      'fellowship_fellow',
      'fellowship_host_site_change',
      'fellowship_host_school_mentor',
      'fellowship_host_school',
      'fellowship_cohort_status_change',
      'fellowship_cohort',
      'fellowship_requirement',
      'fellowship_program_city',
      'fellowship_program',
    ]) {
      await queryRunner.dropTable(name);
    }
  }
}

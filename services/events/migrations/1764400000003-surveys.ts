import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
const instant = (name: string) => ({ name, type: 'datetime', precision: 3 });
const answers = [
  { name: 'revision', type: 'int' },
  { name: 'usefulness', type: 'int' },
  { name: 'recommend', type: 'int' },
  { name: 'intent', type: 'varchar', length: '10' },
  { name: 'comment', type: 'text', isNullable: true },
];

/** Survey responses (the latest answer, one per attendee and event) and every revision of them (append-only). */
export class Surveys1764400000003 implements MigrationInterface {
  name = 'Surveys1764400000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_survey_response',
        columns: [
          id('id', true),
          id('eventId'),
          id('cityId'),
          id('registrationId'),
          id('personId'),
          ...answers,
          instant('firstSubmittedAt'),
          instant('submittedAt'),
        ],
        indices: [{ name: 'ux_event_survey_response_person', columnNames: ['eventId', 'personId'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_survey_revision',
        columns: [id('responseId', true), { name: 'revision', type: 'int', isPrimary: true }, id('eventId'), ...answers.slice(1), instant('submittedAt')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_survey_revision');
    await queryRunner.dropTable('event_survey_response');
  }
}

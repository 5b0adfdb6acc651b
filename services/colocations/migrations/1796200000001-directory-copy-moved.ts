import { DIRECTORY_COPY_TABLES, columnNamesOf, copyRows, moveEarlierCopy, restoreEarlierCopy } from '@crosswalk/directory-copy';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const EARLIER = { school: 'colocation_known_school', person: 'colocation_known_person' };
const PRINCIPAL_COLUMNS = ['id', 'schoolId', 'outgoingPersonId', 'incomingPersonId', 'effectiveDate', 'supersedesTransitionId', 'supersededBy', 'recordedAt'];

/**
 * The service's own copy of the directory moves into @crosswalk/directory-copy's tables. Schools and people have
 * the same columns; the principal transitions become role transitions of a school's principal, with the city of
 * the school where the copy knew it (the earlier table kept none). Cities and other roles' transitions, which
 * colocations did not keep, come with a replay of its consumer; nothing colocations does needs them.
 */
export class DirectoryCopyMoved1796200000001 implements MigrationInterface {
  name = 'DirectoryCopyMoved1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const transitions = DIRECTORY_COPY_TABLES.roleTransition;
    await copyRows(queryRunner, transitions.name, columnNamesOf(transitions), {
      select:
        "SELECT t.id, 'school', t.schoolId, s.cityId, 'principal', t.outgoingPersonId, t.incomingPersonId, t.effectiveDate, t.supersedesTransitionId, t.supersededBy, t.recordedAt" +
        ' FROM colocation_principal_transition t LEFT JOIN colocation_known_school s ON s.id = t.schoolId',
    });
    await queryRunner.dropTable('colocation_principal_transition');
    await moveEarlierCopy(queryRunner, EARLIER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '36', isPrimary });
    const optionalId = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: true });
    await restoreEarlierCopy(queryRunner, EARLIER);
    await queryRunner.createTable(
      new Table({
        name: 'colocation_principal_transition',
        columns: [
          id('id', true),
          id('schoolId'),
          optionalId('outgoingPersonId'),
          optionalId('incomingPersonId'),
          { name: 'effectiveDate', type: 'date' },
          optionalId('supersedesTransitionId'),
          optionalId('supersededBy'),
          { name: 'recordedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_colocation_principal_school', columnNames: ['schoolId'] }],
      }),
    );
    await copyRows(queryRunner, 'colocation_principal_transition', PRINCIPAL_COLUMNS, {
      select:
        'SELECT id, holderId, outgoingPersonId, incomingPersonId, effectiveDate, supersedesTransitionId, supersededBy, recordedAt' +
        " FROM directory_copy_role_transition WHERE holderKind = 'school' AND role = 'principal'",
    });
  }
}

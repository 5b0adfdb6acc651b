import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * People's addresses move out of the directory copy (which @crosswalk/directory-copy takes over, without contact
 * data) into the events service's own table, before DirectoryCopyMoved drops the earlier copy.
 */
export class PersonContacts1796100000000 implements MigrationInterface {
  name = 'PersonContacts1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_person_contact',
        columns: [
          { name: 'personId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
        ],
      }),
      true,
    );
    await queryRunner.query('INSERT INTO event_person_contact (personId, email) SELECT id, email FROM event_known_person WHERE email IS NOT NULL');
  }

  /** After DirectoryCopyMoved's down has put the earlier copy back (without addresses): the addresses go back too. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const people = await queryRunner.getTable('event_known_person');
    if (people && !people.findColumnByName('email')) {
      await queryRunner.addColumn('event_known_person', new TableColumn({ name: 'email', type: 'varchar', length: '320', isNullable: true }));
    }
    await queryRunner.query('UPDATE event_known_person SET email = (SELECT c.email FROM event_person_contact c WHERE c.personId = event_known_person.id)');
    await queryRunner.dropTable('event_person_contact', true);
  }
}

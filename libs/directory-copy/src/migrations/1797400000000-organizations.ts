import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The directory's organizations, so a service can check the organization ids of its own records (a fellowship
 * program's operator). Frozen here, not read from the entity (see tables-1796200000000.ts). The table starts
 * empty: the services' consumers learn organizations from the events they read from here on, and a replay of
 * `schools.directory.v1` fills it with every organization created before.
 */
export class DirectoryCopyOrganizations1797400000000 implements MigrationInterface {
  name = 'DirectoryCopyOrganizations1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'directory_copy_organization',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cityId', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('directory_copy_organization');
  }
}

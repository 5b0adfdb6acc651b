import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { DIRECTORY_COPY_TABLES } from './tables-1796200000000';

/** The copy's tables, in the database of each service that keeps one (TypeORM's portable API: MySQL and SQLite). */
export class DirectoryCopyTables1796200000000 implements MigrationInterface {
  name = 'DirectoryCopyTables1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(DIRECTORY_COPY_TABLES)) await queryRunner.createTable(new Table(table));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(DIRECTORY_COPY_TABLES).reverse()) await queryRunner.dropTable(table.name);
  }
}

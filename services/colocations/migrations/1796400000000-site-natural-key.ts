import { addNaturalKey, dropNaturalKey, NAME_KEY_LENGTH, nameKeyOf, type NaturalKeySpec } from '@crosswalk/persistence';
import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const SITE_NAME: NaturalKeySpec = {
  table: 'colocation_site',
  column: 'nameKey',
  length: NAME_KEY_LENGTH,
  index: new TableIndex({ name: 'uq_colocation_site_city_name', columnNames: ['cityId', 'nameKey'], isUnique: true }),
  rows: async (runner) =>
    ((await runner.query('SELECT id, cityId, name FROM colocation_site ORDER BY createdAt, id')) as { id: string; cityId: string; name: string }[]).map(
      (r) => ({
        id: r.id,
        scope: [r.cityId],
        key: nameKeyOf(r.name),
      }),
    ),
  describe: (id) => `site ${id}`,
};

/** One site of a name per city, so identical concurrent creations give one site and a 409 (see addNaturalKey). */
export class SiteNaturalKey1796400000000 implements MigrationInterface {
  name = 'SiteNaturalKey1796400000000';

  async up(runner: QueryRunner): Promise<void> {
    await addNaturalKey(runner, SITE_NAME);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropNaturalKey(runner, SITE_NAME);
  }
}

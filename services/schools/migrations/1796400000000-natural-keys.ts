import { addNaturalKey, dropNaturalKey, NAME_KEY_LENGTH, nameKeyOf, type NaturalKeySpec } from '@crosswalk/persistence';
import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const KEYS: NaturalKeySpec[] = [
  {
    table: 'school',
    column: 'nameKey',
    length: NAME_KEY_LENGTH,
    index: new TableIndex({ name: 'uq_school_city_name', columnNames: ['cityId', 'nameKey'], isUnique: true }),
    rows: async (runner) =>
      ((await runner.query('SELECT id, cityId, name FROM school ORDER BY createdAt, id')) as { id: string; cityId: string; name: string }[]).map((r) => ({
        id: r.id,
        scope: [r.cityId],
        key: nameKeyOf(r.name),
      })),
    describe: (id) => `school ${id}`,
  },
  {
    table: 'compact',
    column: 'titleKey',
    length: 340,
    index: new TableIndex({ name: 'uq_compact_city_title_signed', columnNames: ['cityId', 'titleKey', 'signedOn'], isUnique: true }),
    rows: async (runner) =>
      (
        (await runner.query('SELECT id, cityId, title, signedOn FROM compact ORDER BY createdAt, id')) as {
          id: string;
          cityId: string;
          title: string;
          signedOn: string;
        }[]
      ).map((r) => ({ id: r.id, scope: [r.cityId, r.signedOn], key: nameKeyOf(r.title) })),
    describe: (id) => `compact ${id}`,
  },
];

/**
 * Natural keys for schools (one name per city) and compacts (one title per city and signing day), so identical
 * concurrent creations give one record and a 409. Rows stored before that share a key are not merged, renamed
 * or deleted (other services hold copies of them): they are kept apart and reported (see addNaturalKey).
 */
export class NaturalKeys1796400000000 implements MigrationInterface {
  name = 'NaturalKeys1796400000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const spec of KEYS) await addNaturalKey(runner, spec);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const spec of [...KEYS].reverse()) await dropNaturalKey(runner, spec);
  }
}

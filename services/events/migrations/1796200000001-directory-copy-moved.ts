import { moveEarlierCopy, restoreEarlierCopy } from '@crosswalk/directory-copy';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DirectoryCopy1764400000000 } from './1764400000000-directory-copy';

const EARLIER = { city: 'event_known_city', school: 'event_known_school', person: 'event_known_person', roleTransition: 'event_role_transition' };

/** The service's own copy of the directory moves into @crosswalk/directory-copy's tables (same columns). */
export class DirectoryCopyMoved1796200000001 implements MigrationInterface {
  name = 'DirectoryCopyMoved1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await moveEarlierCopy(queryRunner, EARLIER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // That migration created exactly the earlier copy's tables.
    await new DirectoryCopy1764400000000().up(queryRunner);
    await restoreEarlierCopy(queryRunner, EARLIER);
  }
}

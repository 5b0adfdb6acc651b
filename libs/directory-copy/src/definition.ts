import { LeadershipTransitioned, SchoolCreated } from '@crosswalk/contracts';
import { KnownCity, KnownOrganization, KnownPerson, KnownSchool, RoleTransition } from './entities';
import { DirectoryCopyTables1796200000000 } from './migrations/1796200000000-directory-copy-tables';
import { DirectoryCopyCityTimeZone1796300000000 } from './migrations/1796300000000-city-time-zone';
import { DirectoryCopyOrganizations1797400000000 } from './migrations/1797400000000-organizations';

/** The topics the copy is built from: the directory (cities, organizations, schools, people) and leadership transitions. */
export const DIRECTORY_COPY_TOPICS = [SchoolCreated.topic, LeadershipTransitioned.topic] as const;

/** The copy's tables: a service lists them with its entities, and in its consumer's projection (replay empties them). */
export const DIRECTORY_COPY_ENTITIES = [KnownCity, KnownOrganization, KnownSchool, KnownPerson, RoleTransition];

/**
 * The copy's migrations, which a service runs in its own database beside its own. TypeORM runs migrations in
 * timestamp order, whatever the lists say: one that moves a service's earlier copy in must come after these.
 */
export const DIRECTORY_COPY_MIGRATIONS = [DirectoryCopyTables1796200000000, DirectoryCopyCityTimeZone1796300000000, DirectoryCopyOrganizations1797400000000];

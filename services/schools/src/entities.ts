import { City } from './cities/city.entity';
import { CompactSignatory } from './compacts/compact-signatory.entity';
import { Compact } from './compacts/compact.entity';
import { LeadershipTransition } from './leadership/leadership-transition.entity';
import { RoleTenure } from './leadership/role-tenure.entity';
import { Organization } from './organizations/organization.entity';
import { Person } from './people/person.entity';
import { School } from './schools/school.entity';

/** Every table the schools service owns (the migrations create them; there is no schema sync). */
export const SCHOOLS_ENTITIES = [City, Organization, School, Person, RoleTenure, LeadershipTransition, Compact, CompactSignatory];

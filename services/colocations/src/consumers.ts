import { LeadershipTransitioned, SchoolCreated } from '@crosswalk/contracts';
import type { ConsumerDefinition } from '@crosswalk/messaging';
import { KnownPerson } from './directory/known-person.entity';
import { KnownSchool } from './directory/known-school.entity';
import { PrincipalTransition } from './directory/principal-transition.entity';

/**
 * The directory and leadership topics. The projection is the local copy only: partnerships are this
 * service's own records (moved by these events, but also by requests), so a replay never clears them.
 */
export const COLOCATIONS_CONSUMER: ConsumerDefinition = {
  consumer: 'colocations',
  topics: [SchoolCreated.topic, LeadershipTransitioned.topic],
  projection: [KnownSchool, KnownPerson, PrincipalTransition],
};

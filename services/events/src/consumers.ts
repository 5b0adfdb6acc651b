import { CityCreated, LeadershipTransitioned } from '@crosswalk/contracts';
import type { ConsumerDefinition } from '@crosswalk/messaging';
import { KnownCity } from './directory/known-city.entity';
import { KnownPerson } from './directory/known-person.entity';
import { KnownSchool } from './directory/known-school.entity';
import { RoleTransition } from './directory/role-transition.entity';

/**
 * The directory and leadership topics. The projection is the local copy only: events and registrations are
 * this service's own records (registrations froze their snapshots when they were made), so a replay never
 * clears them.
 */
export const EVENTS_CONSUMER: ConsumerDefinition = {
  consumer: 'events',
  topics: [CityCreated.topic, LeadershipTransitioned.topic],
  projection: [KnownCity, KnownSchool, KnownPerson, RoleTransition],
};

import { DIRECTORY_COPY_ENTITIES, DIRECTORY_COPY_TOPICS } from '@crosswalk/directory-copy';
import type { ConsumerDefinition } from '@crosswalk/messaging';

/**
 * The directory and leadership topics. The projection is the local copy only: events and registrations are
 * this service's own records (registrations froze their snapshots when they were made), so a replay never
 * clears them.
 */
export const EVENTS_CONSUMER: ConsumerDefinition = {
  consumer: 'events',
  topics: DIRECTORY_COPY_TOPICS,
  projection: DIRECTORY_COPY_ENTITIES,
};

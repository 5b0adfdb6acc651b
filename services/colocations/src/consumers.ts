import { DIRECTORY_COPY_ENTITIES, DIRECTORY_COPY_TOPICS } from '@crosswalk/directory-copy';
import type { ConsumerDefinition } from '@crosswalk/messaging';

/**
 * The directory and leadership topics. The projection is the local copy only: partnerships are this
 * service's own records (moved by these events, but also by requests), so a replay never clears them.
 */
export const COLOCATIONS_CONSUMER: ConsumerDefinition = {
  consumer: 'colocations',
  topics: DIRECTORY_COPY_TOPICS,
  projection: DIRECTORY_COPY_ENTITIES,
};

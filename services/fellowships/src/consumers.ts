import { DIRECTORY_COPY_ENTITIES, DIRECTORY_COPY_TOPICS } from '@crosswalk/directory-copy';
import type { ConsumerDefinition } from '@crosswalk/messaging';

/**
 * The directory and leadership topics. The projection is the local copy only: programs, cohorts and fellows are
 * this service's own records (what turnover did to them is recorded once, with its events), so a replay never
 * clears them, and asks nothing twice (departures move active mentorships only, confirmations are asked once per
 * transition).
 */
export const FELLOWSHIPS_CONSUMER: ConsumerDefinition = {
  consumer: 'fellowships',
  topics: DIRECTORY_COPY_TOPICS,
  projection: [...DIRECTORY_COPY_ENTITIES],
};

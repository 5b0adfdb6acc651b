import { TOPICS } from '@crosswalk/contracts';
import type { ConsumerDefinition } from '@crosswalk/messaging';
import { KnownCity } from './cities/known-city.entity';

/** Metrics consumes every topic of the catalog: its projections are built from events only. */
export const METRICS_CONSUMER: ConsumerDefinition = {
  consumer: 'metrics',
  topics: TOPICS.map((t) => t.name),
  projection: [KnownCity],
};

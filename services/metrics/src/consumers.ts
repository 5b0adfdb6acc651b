import { TOPICS } from '@crosswalk/contracts';

/** Metrics consumes every topic of the catalog: its projections are built from events only. */
export const METRICS_CONSUMER = { consumer: 'metrics', topics: TOPICS.map((t) => t.name) };

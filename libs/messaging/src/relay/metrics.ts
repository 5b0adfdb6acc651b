// Prometheus: one set of metrics per process, one label value per relay.
import { Counter, Gauge } from 'prom-client';

export interface OutboxLag {
  pending: number;
  /** Age of the oldest pending row in seconds; 0 when nothing is pending. */
  oldestPendingAgeSeconds: number;
}

/** What the lag gauges read of a running relay at scrape time. */
export interface LagSource {
  readonly name: string;
  lag(): Promise<OutboxLag>;
}

interface RelayMetrics {
  pending: Gauge<'outbox'>;
  oldestAge: Gauge<'outbox'>;
  published: Counter<'outbox'>;
  failures: Counter<'outbox'>;
}

const liveRelays = new Set<LagSource>();
let relayMetrics: RelayMetrics | undefined;

async function refreshLagGauges(): Promise<void> {
  const m = metrics();
  await Promise.all(
    [...liveRelays].map(async (relay) => {
      try {
        const lag = await relay.lag();
        m.pending.set({ outbox: relay.name }, lag.pending);
        m.oldestAge.set({ outbox: relay.name }, lag.oldestPendingAgeSeconds);
      } catch {
        // Database unreachable: keep the last values rather than fail the whole scrape.
      }
    }),
  );
}

function metrics(): RelayMetrics {
  relayMetrics ??= {
    pending: new Gauge({
      name: 'crosswalk_outbox_pending',
      help: 'Outbox rows not yet published to Kafka',
      labelNames: ['outbox'],
      collect: refreshLagGauges,
    }),
    oldestAge: new Gauge({
      name: 'crosswalk_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      labelNames: ['outbox'],
      collect: refreshLagGauges,
    }),
    published: new Counter({ name: 'crosswalk_outbox_published_total', help: 'Events published by the outbox relay', labelNames: ['outbox'] }),
    failures: new Counter({
      name: 'crosswalk_outbox_publish_failures_total',
      help: 'Failed outbox relay rounds (Kafka or database unavailable)',
      labelNames: ['outbox'],
    }),
  };
  return relayMetrics;
}

export function registerForMetrics(relay: LagSource): void {
  metrics();
  liveRelays.add(relay);
}

export function unregisterForMetrics(relay: LagSource): void {
  liveRelays.delete(relay);
  if (![...liveRelays].some((r) => r.name === relay.name)) {
    const m = metrics();
    m.pending.remove({ outbox: relay.name });
    m.oldestAge.remove({ outbox: relay.name });
  }
}

export function countPublished(relay: string, events: number): void {
  metrics().published.inc({ outbox: relay }, events);
}

export function countFailure(relay: string): void {
  metrics().failures.inc({ outbox: relay });
}

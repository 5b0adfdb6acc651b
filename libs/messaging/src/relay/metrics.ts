// Prometheus: each relay counts for itself; /metrics shows the process's relays by their `outbox` label.
import { Gauge } from 'prom-client';
import { InstanceCounter, SummedCounter } from '../instance-counters';

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

const PUBLISHED = new SummedCounter({ name: 'crosswalk_outbox_published_total', help: 'Events published by the outbox relay', labelNames: ['outbox'] });
const FAILURES = new SummedCounter({
  name: 'crosswalk_outbox_publish_failures_total',
  help: 'Failed outbox relay rounds (Kafka or database unavailable)',
  labelNames: ['outbox'],
});

/** One relay's counts, exported with those of the process's other relays while it runs, and after. */
export class RelayMetrics {
  private readonly published = new InstanceCounter(['outbox']);
  private readonly failures = new InstanceCounter(['outbox']);

  constructor(private readonly relay: LagSource) {}

  /** Events this relay published (and marked sent). */
  get publishedCount(): number {
    return this.published.total();
  }

  start(): void {
    PUBLISHED.attach(this.published);
    FAILURES.attach(this.failures);
    lagGauges();
    liveRelays.add(this.relay);
  }

  stop(): void {
    PUBLISHED.detach(this.published);
    FAILURES.detach(this.failures);
    liveRelays.delete(this.relay);
    if (![...liveRelays].some((r) => r.name === this.relay.name)) {
      const gauges = lagGauges();
      gauges.pending.remove({ outbox: this.relay.name });
      gauges.oldestAge.remove({ outbox: this.relay.name });
    }
  }

  countPublished(events: number): void {
    this.published.inc({ outbox: this.relay.name }, events);
  }

  countFailure(): void {
    this.failures.inc({ outbox: this.relay.name });
  }
}

// The lag is read from each relay's database, so the gauges ask the running relays at scrape time.
const liveRelays = new Set<LagSource>();
let gauges: { pending: Gauge<'outbox'>; oldestAge: Gauge<'outbox'> } | undefined;

function lagGauges(): { pending: Gauge<'outbox'>; oldestAge: Gauge<'outbox'> } {
  gauges ??= {
    pending: new Gauge({ name: 'crosswalk_outbox_pending', help: 'Outbox rows not yet published to Kafka', labelNames: ['outbox'], collect: refreshLagGauges }),
    oldestAge: new Gauge({
      name: 'crosswalk_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      labelNames: ['outbox'],
      collect: refreshLagGauges,
    }),
  };
  return gauges;
}

async function refreshLagGauges(): Promise<void> {
  const { pending, oldestAge } = lagGauges();
  await Promise.all(
    [...liveRelays].map(async (relay) => {
      try {
        const lag = await relay.lag();
        pending.set({ outbox: relay.name }, lag.pending);
        oldestAge.set({ outbox: relay.name }, lag.oldestPendingAgeSeconds);
      } catch {
        // Database unreachable: keep the last values rather than fail the whole scrape.
      }
    }),
  );
}

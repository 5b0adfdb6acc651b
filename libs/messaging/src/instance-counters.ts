// Prometheus counters whose counts belong to an instance (a relay, an inbox consumer) rather than to the
// process: two relays in one process each know what they did, and /metrics still shows the process's total.
import { Counter } from 'prom-client';

type Labels<L extends string> = Readonly<Record<L, string>>;

/** One instance's counts, by label values. Counting is a map update; nothing is shared with other instances. */
export class InstanceCounter<L extends string> {
  private readonly series = new Map<string, { labels: Labels<L>; value: number }>();

  constructor(private readonly labelNames: readonly L[]) {}

  inc(labels: Labels<L>, by = 1): void {
    const key = this.labelNames.map((name) => labels[name]).join('\u0000');
    const series = this.series.get(key);
    if (series) series.value += by;
    else this.series.set(key, { labels, value: by });
  }

  /** The sum over the series whose labels include `match` (every series by default). */
  total(match: Partial<Labels<L>> = {}): number {
    let sum = 0;
    for (const { labels, value } of this.series.values()) {
      if (this.labelNames.every((name) => match[name] === undefined || match[name] === labels[name])) sum += value;
    }
    return sum;
  }

  entries(): Iterable<{ labels: Labels<L>; value: number }> {
    return this.series.values();
  }
}

/**
 * A counter on prom-client's default registry (the one `/metrics` serves) whose value, per label set, is the sum
 * of the attached instances' own counts, added up at scrape time. A detached instance's counts stay in the
 * sum, so the exported counter never goes down while the process lives, as a counter must not.
 */
export class SummedCounter<L extends string> {
  private registered = false;
  private readonly attached = new Set<InstanceCounter<L>>();
  private readonly detached: InstanceCounter<L>;

  constructor(private readonly config: { name: string; help: string; labelNames: readonly L[] }) {
    this.detached = new InstanceCounter(config.labelNames);
  }

  attach(counter: InstanceCounter<L>): void {
    if (!this.registered) this.register();
    this.attached.add(counter);
  }

  detach(counter: InstanceCounter<L>): void {
    if (!this.attached.delete(counter)) return;
    for (const { labels, value } of counter.entries()) this.detached.inc(labels, value);
  }

  private register(): void {
    this.registered = true;
    const sources = (): InstanceCounter<L>[] => [this.detached, ...this.attached];
    new Counter<L>({
      name: this.config.name,
      help: this.config.help,
      labelNames: this.config.labelNames,
      collect() {
        this.reset();
        for (const source of sources()) for (const { labels, value } of source.entries()) this.inc(labels, value);
      },
    });
  }
}

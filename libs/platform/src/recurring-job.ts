import { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/** Soon after start, yet after the inbox consumers have had a moment to catch up on what came in meanwhile. */
export const FIRST_RUN_AFTER_MS = 60_000;

export interface RecurringJobOptions {
  /** Names the job in @nestjs/schedule's registry and in the logs, e.g. `colocations.grace-period`. */
  name: string;
  /** Seconds between runs; 0 turns the job off. */
  everySeconds: number;
  /**
   * One run. Other instances of the service run it too, at the same moments: it must claim each piece of
   * its work (claimDue from @crosswalk/persistence) in the transaction that does it. See docs/scheduled-jobs.md.
   */
  run: () => Promise<void>;
  /** Default FIRST_RUN_AFTER_MS. */
  firstRunAfterMs?: number;
}

/**
 * A job on @nestjs/schedule's registry: a first run soon after start (FIRST_RUN_AFTER_MS, or the first tick
 * when that comes sooner), then one every `everySeconds`. One run at a time per instance (a tick that finds
 * the last run still going is skipped), and a failed run is logged and tried again at the next tick. Start it
 * from onApplicationBootstrap; stop it from beforeApplicationShutdown, which waits for the run in flight while
 * the database is still open.
 */
export class RecurringJob {
  private readonly logger: Logger;
  private running?: Promise<void>;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly options: RecurringJobOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  private get firstRunName(): string {
    return `${this.options.name}:first-run`;
  }

  start(): void {
    const { name, everySeconds, firstRunAfterMs = FIRST_RUN_AFTER_MS } = this.options;
    // Bootstrap hooks run a second time when a hybrid app starts its microservices (the inbox consumer).
    if (everySeconds === 0 || this.registry.doesExist('interval', name)) return;
    const everyMs = everySeconds * 1000;
    // Unreferenced: a pending run never keeps the process alive.
    if (firstRunAfterMs < everyMs) this.registry.addTimeout(this.firstRunName, setTimeout(() => this.tick(), firstRunAfterMs).unref());
    this.registry.addInterval(name, setInterval(() => this.tick(), everyMs).unref());
  }

  async stop(): Promise<void> {
    if (this.registry.doesExist('timeout', this.firstRunName)) this.registry.deleteTimeout(this.firstRunName);
    if (this.registry.doesExist('interval', this.options.name)) this.registry.deleteInterval(this.options.name);
    await this.running;
  }

  private tick(): void {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
  }

  private async runOnce(): Promise<void> {
    try {
      await this.options.run();
    } catch (error) {
      this.logger.error(`Failed; the next run tries again: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

import { sleep } from '../backoff';

/** Whether the consumer is closing, and waits that end early when it does. */
export class ConsumerLifetime {
  private readonly stop = new AbortController();

  constructor(private readonly heartbeatEveryMs: number) {}

  get closing(): boolean {
    return this.stop.signal.aborted;
  }

  close(): void {
    this.stop.abort();
  }

  /** Resolves true after `ms`, false as soon as the consumer starts closing. */
  sleep(ms: number): Promise<boolean> {
    return sleep(ms, this.stop.signal);
  }

  /** Waits while keeping the group membership alive. False if the consumer started closing meanwhile. */
  async wait(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.closing) {
      const left = until - Date.now();
      if (left <= 0) return true;
      await this.sleep(Math.min(left, this.heartbeatEveryMs));
      if (this.closing) return false;
      // A rebalance error propagates: kafkajs rejoins and the record is redelivered to the new owner.
      await heartbeat();
    }
    return false;
  }
}

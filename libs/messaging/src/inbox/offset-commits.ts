import { messageOf } from '../event-parsing';
import type { MessagingLogger } from '../logger';

/**
 * Commits offsets without holding the partition's next fetch for the broker's answer: at most one commit is
 * in flight, and when it returns, the newest offsets resolved meanwhile follow in one more. Those offsets
 * belong to transactions that have committed; a commit lost to a crash or a rebalance means the events come
 * again, and their inbox rows make them duplicates. `settled()` is awaited before the consumer leaves or
 * rejoins its group.
 */
export class OffsetCommits {
  private committing: Promise<void> | undefined;
  private next: (() => Promise<void>) | undefined;

  constructor(
    private readonly consumer: string,
    private readonly logger: MessagingLogger,
  ) {}

  soon(commit: () => Promise<void>): void {
    this.next = commit;
    if (this.committing) return;
    this.committing = (async () => {
      for (let next = this.next; next; next = this.next) {
        this.next = undefined;
        try {
          await next();
        } catch (error) {
          this.logger.warn(
            { consumer: this.consumer, error: messageOf(error) },
            'offset commit failed; a later commit covers its offsets, or the events come again and are recognised as duplicates',
          );
        }
      }
    })().finally(() => {
      this.committing = undefined;
    });
  }

  /** Resolves once no commit is in flight or waiting. */
  async settled(): Promise<void> {
    await this.committing;
  }
}

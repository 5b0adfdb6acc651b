import type { EntityManager } from 'typeorm';
import { claimPending, markSent, noteFailure } from './claims';
import { withoutAggregatesBehindOthers } from './ordering';
import { type CycleResult, type InFlightBatch, type RelayRounds, type RoundResult, type RoundsDependencies, settled } from './rounds';

/**
 * Relay rounds open at once on MySQL; each holds a transaction, so a pooled connection. Three measured no
 * faster than two in `npm run bench` (52-58% of the bare producer against 52-61%).
 */
const PIPELINE_DEPTH = 2;

/**
 * Rounds on MySQL/MariaDB, where several relays (one per replica) may share the table: each round claims with
 * `FOR UPDATE SKIP LOCKED` in a READ COMMITTED transaction (REPEATABLE READ would also take gap locks at the
 * end of the scanned range, blocking use cases that insert new pending rows for as long as a publish takes),
 * publishes, and marks the rows sent in that transaction.
 *
 * Rounds overlap when batches are full: as soon as a round has claimed a full batch that nothing holds back,
 * it is handed on in `inFlight` and the next round claims the following rows while this one publishes and
 * commits. Each round publishes only after the brokers acknowledged the previous round's batch, so batches
 * still reach Kafka one after the other, in order. Up to `PIPELINE_DEPTH` rounds are open; a round that did
 * not claim a full batch lets every earlier one finish before it returns, so none is left committing
 * unwatched when the relay goes idle or stops.
 */
export class PipelinedRounds implements RelayRounds {
  private readonly notingFailures = new Set<Promise<void>>();

  constructor(private readonly deps: RoundsDependencies) {}

  async next(open: readonly InFlightBatch[]): Promise<CycleResult> {
    // Rows are named by `seq`, their primary key: the cheapest lookup, and short in the statements' IN lists.
    let claimedSeqs: string[] = [];
    const noteClaim = (seqs: string[]): void => {
      claimedSeqs = seqs;
    };
    let claimedFull: (() => void) | undefined;
    const claimedFullNow = new Promise<'claimed-full'>((resolve) => (claimedFull = () => resolve('claimed-full')));
    let notePublished: (error?: unknown) => void = () => undefined;
    const published = new Promise<void>((resolve, reject) => {
      notePublished = (error) => (error === undefined ? resolve() : reject(error));
    });
    published.catch(() => undefined); // awaited by the next round, if there is one
    const done = this.deps.dataSource
      .transaction('READ COMMITTED', (manager) => this.round(manager, open, noteClaim, () => claimedFull?.(), notePublished))
      .then(
        (result) => this.deps.finished(result),
        (error: unknown) => {
          notePublished(error); // a no-op when the batch was already out
          // Not awaited: the next round may still hold row locks this update would wait for, and that round
          // is itself waiting for this one to end.
          this.noteFailureInBackground(claimedSeqs, error);
          throw error;
        },
      );
    const first = await Promise.race([done, claimedFullNow]);
    done.catch(() => undefined); // awaited below, by the next round or by the relay; never an unhandled rejection
    const handedOn = first === 'claimed-full';
    const stillOpen = handedOn ? [...open, { seqs: claimedSeqs, published, done }] : [...open];
    // The oldest rounds end first until there is room for the next one; a round that did not claim a full
    // batch has no next round at once, so it lets every earlier one end. If one of them failed, this round
    // is counted as failed too once every open round has ended: all end before anything is retried.
    try {
      while (stillOpen.length > (handedOn ? PIPELINE_DEPTH - 1 : 0)) await stillOpen.shift()?.done;
    } catch (error) {
      await settled(stillOpen);
      throw error;
    }
    if (first !== 'claimed-full') return { ...first, inFlight: [] };
    return { claimed: claimedSeqs.length, published: 0, inFlight: stillOpen };
  }

  async drain(): Promise<void> {
    await Promise.all(this.notingFailures);
  }

  /**
   * `open` are this relay's own rounds before this one, maybe still publishing. Their rows are locked (the
   * claim skips them) and pending, but they are ahead of this round, so they hold nothing back. This round
   * publishes once the brokers have acknowledged the latest one's batch, without waiting for its commit: if
   * that publish failed, this round fails too and all are published again in order. If only a commit failed,
   * those events are already in Kafka ahead of this round's, and their republication later is a duplicate,
   * which consumers drop. Marking the rows sent runs alongside the publish: it only becomes visible if the
   * publish succeeded and the transaction commits.
   */
  private async round(
    manager: EntityManager,
    open: readonly InFlightBatch[],
    claimed: (seqs: string[]) => void,
    claimedFull: () => void,
    published: (error?: unknown) => void,
  ): Promise<RoundResult> {
    const { batchSize, publisher } = this.deps;
    const rows = await claimPending(manager, batchSize);
    claimed(rows.map((r) => String(r.seq)));
    const ready =
      rows.length === 0
        ? []
        : await withoutAggregatesBehindOthers(
            manager,
            rows,
            open.flatMap((round) => round.seqs),
            this.deps,
          );
    if (rows.length >= batchSize && ready.length === rows.length) claimedFull();
    await open.at(-1)?.published;
    if (ready.length === 0) {
      published();
      return { claimed: rows.length, published: 0 };
    }
    const publishing = publisher.publish(ready).then(() => published());
    const [sent, marked] = await Promise.allSettled([
      publishing,
      markSent(
        manager,
        ready.map((r) => String(r.seq)),
      ),
    ]);
    if (sent.status === 'rejected') throw sent.reason;
    if (marked.status === 'rejected') throw marked.reason;
    return { claimed: rows.length, published: ready.length };
  }

  private noteFailureInBackground(seqs: readonly string[], error: unknown): void {
    const noting: Promise<void> = noteFailure(this.deps.dataSource, seqs, error).finally(() => this.notingFailures.delete(noting));
    this.notingFailures.add(noting);
  }
}

// What the relay's loop and its two ways of running a round (pipelined on MySQL, one by one on embedded
// SQLite) share.
import type { DataSource } from 'typeorm';
import type { OutboxRecord } from '../entities/outbox-record.entity';
import type { MessagingLogger } from '../logger';
import type { RelayPublisher } from './publisher';

/** What publishing needs of a row. */
export type ClaimedRow = Pick<OutboxRecord, 'seq' | 'topic' | 'key' | 'envelope'>;

/** What one round claimed, and published if it finished. */
export interface RoundResult {
  claimed: number;
  published: number;
}

export interface CycleResult extends RoundResult {
  /** Rounds handed on unfinished, oldest first. */
  inFlight: readonly InFlightBatch[];
}

/** A round that claimed a full batch and has not finished publishing and committing it. */
export interface InFlightBatch {
  seqs: readonly string[];
  /** Settles when the brokers acknowledged its batch, or when the round failed before that. */
  published: Promise<void>;
  done: Promise<RoundResult>;
}

export interface RelayRounds {
  /** One claim-publish-mark round, given this relay's rounds still open; throws when publishing fails. */
  next(open: readonly InFlightBatch[]): Promise<CycleResult>;
  /** Waits for bookkeeping that runs in the background (failure notes) before the relay disconnects. */
  drain(): Promise<void>;
}

export interface RoundsDependencies {
  dataSource: DataSource;
  service: string;
  batchSize: number;
  publisher: RelayPublisher;
  logger: MessagingLogger;
  /**
   * Called with each round that finished (a round handed on as `inFlight` has not yet), and only then, so a
   * failing publish cannot be hidden by the next round's claim succeeding.
   */
  finished: (result: RoundResult) => RoundResult;
}

export async function settled(rounds: readonly Pick<InFlightBatch, 'done'>[]): Promise<void> {
  await Promise.all(rounds.map((round) => round.done.catch(() => undefined)));
}

// A closed-loop load generator: a fixed number of clients, each sending its next request as soon as its
// previous one is answered (as autocannon's connections do), until a fixed count has been sent.
import { performance } from 'node:perf_hooks';

export interface LoadResult<T> {
  /** From the first request sent to the last answer received. */
  elapsedMs: number;
  /** Each request's time from send to answer, by request index. */
  latenciesMs: number[];
  /** What each request answered, by request index. */
  answers: T[];
}

/**
 * Sends `send(0)` to `send(count - 1)` from `clients` concurrent clients; each index once, in order of
 * sending. A request that throws stops the run: the figures of a run with transport failures mean nothing.
 */
export async function closedLoop<T>(
  count: number,
  clients: number,
  send: (index: number) => Promise<T>,
  now: () => number = () => performance.now(),
): Promise<LoadResult<T>> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`closedLoop: count must be a positive integer, got ${count}`);
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`closedLoop: clients must be a positive integer, got ${clients}`);
  const latenciesMs: number[] = new Array<number>(count);
  const answers: T[] = new Array<T>(count);
  let next = 0;
  const client = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const sentAt = now();
      answers[index] = await send(index);
      latenciesMs[index] = now() - sentAt;
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: Math.min(clients, count) }, client));
  return { elapsedMs: now() - start, latenciesMs, answers };
}

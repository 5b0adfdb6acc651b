// What main.ts and the consuming-service process say to each other over the IPC channel of `fork`.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConsumerGroupTimings } from '@crosswalk/messaging';

/**
 * Milliseconds since the epoch with performance.now()'s resolution: comparable across the bench's two
 * processes on one machine (both read the same system clock), unlike performance.now() alone.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface BenchConsumerSettings {
  databaseUrl: string;
  brokers: string[];
  topic: string;
  group: ConsumerGroupTimings;
}

export interface AppliedEvent {
  seq: number;
  eventId: string;
  /** epochNow() when the handler received the event. */
  handledAt: number;
  /** epochNow() after its inbox transaction committed. */
  appliedAt: number;
}

export type ConsumerRequest = { kind: 'progress'; fromSeq: number } | { kind: 'report'; fromSeq: number } | { kind: 'stop' };

export type ConsumerReply =
  { kind: 'started' } | { kind: 'progress'; applied: number; firstAt: number; lastAt: number } | { kind: 'report'; events: AppliedEvent[] };

/** The consuming service seen from main.ts: one question at a time, each answered in order. */
export class ConsumingServiceProcess {
  private readonly waiting: ((reply: ConsumerReply) => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: ConsumerReply) => this.waiting.shift()?.(reply));
  }

  static async start(settings: BenchConsumerSettings): Promise<ConsumingServiceProcess> {
    const child = fork(path.join(__dirname, 'consuming-service.js'), [JSON.stringify(settings)], {
      execArgv: ['-r', path.resolve(__dirname, '../../../tools/runtime/paths.js')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const service = new ConsumingServiceProcess(child);
    const started = await service.next();
    if (started.kind !== 'started') throw new Error(`bench: the consuming service answered ${started.kind} before it started`);
    return service;
  }

  async progress(fromSeq: number): Promise<{ applied: number; firstAt: number; lastAt: number }> {
    const reply = await this.ask({ kind: 'progress', fromSeq });
    if (reply.kind !== 'progress') throw new Error(`bench: expected progress, got ${reply.kind}`);
    return reply;
  }

  async report(fromSeq: number): Promise<AppliedEvent[]> {
    const reply = await this.ask({ kind: 'report', fromSeq });
    if (reply.kind !== 'report') throw new Error(`bench: expected a report, got ${reply.kind}`);
    return reply.events;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'stop' } satisfies ConsumerRequest);
    await exited;
  }

  private ask(request: ConsumerRequest): Promise<ConsumerReply> {
    const reply = this.next();
    this.child.send(request);
    return reply;
  }

  private next(): Promise<ConsumerReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`bench: the consuming service exited with code ${code}`));
      this.child.once('exit', onExit);
      this.waiting.push((reply) => {
        this.child.off('exit', onExit);
        resolve(reply);
      });
    });
  }
}

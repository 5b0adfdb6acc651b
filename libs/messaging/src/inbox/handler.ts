import type { EventEnvelope } from '@crosswalk/contracts';
import type { EntityManager } from 'typeorm';
import { type Outbox, RecordingScope, type TransactionScope } from '../outbox';

/** What a handler gets besides the event: the transaction to write through, and where the event came from. */
export interface InboxContext extends TransactionScope {
  /** The inbox consumer name (a projection or a reacting capability). */
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first try, 2 on the first retry, ... */
  readonly attempt: number;
}

/**
 * A handler: applies one event using `ctx.manager`. It runs inside the transaction that also inserts the
 * inbox row, and inside a request context whose causation id is this event, so events it records are chained.
 * Throw to retry (with backoff, up to maxAttempts); throw PermanentEventError to dead-letter at once.
 *
 * (Written through a method type so a handler for a specific payload is accepted where any handler is.)
 */
export type EventHandler<P extends object = object> = {
  bivarianceHack(envelope: EventEnvelope<P>, ctx: InboxContext): unknown;
}['bivarianceHack'];

/** Handlers by event type. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;
export type EventHandlerLookup = (type: string) => EventHandler | undefined;

export function handlerLookup(handlers: EventHandlers | EventHandlerLookup): EventHandlerLookup {
  return typeof handlers === 'function' ? handlers : (type) => (Object.hasOwn(handlers, type) ? handlers[type] : undefined);
}

/** The scope a handler runs in: its transaction plus where the event came from. */
export class InboxScope extends RecordingScope implements InboxContext {
  constructor(
    manager: EntityManager,
    outbox: Outbox | undefined,
    readonly consumer: string,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    readonly attempt: number,
  ) {
    super(manager, outbox);
  }
}

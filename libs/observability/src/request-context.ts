import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@crosswalk/contracts';

/**
 * What a unit of work knows about its cause: the HTTP request or the event being handled. The outbox
 * reads it so every event carries correlation, causation and actor without each use case passing them.
 */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  /** The event that caused this work, when a consumer handles an event. */
  causationId: string | null;
  actor: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

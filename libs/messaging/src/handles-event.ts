import type { EventContract, EventEnvelope } from '@crosswalk/contracts';
import { EventPattern } from '@nestjs/microservices';
import type { EventHandler, EventHandlers, InboxContext } from './inbox/handler';

/** What a method must accept to handle a contract's events: the envelope the inbox delivers, then its context. */
type HandlerOf<P extends object> = (event: EventEnvelope<P>, ctx: InboxContext) => unknown;

/** Where `@HandlesEvent` leaves the handler's name: in the pattern extras, which Nest hands to the transport. */
export const HANDLER_NAME_EXTRA = 'crosswalkHandler';

const HANDLED_EVENT = Symbol('crosswalk:handled-event');

/** What `@HandlesEvent` records on the decorated method. */
export interface HandledEvent {
  type: string;
  /** `Class.method`, for errors that must say which code is meant. */
  handler: string;
}

/**
 * Marks a controller method as the inbox handler of one event:
 *
 *   @HandlesEvent(LeadershipTransitioned)
 *   async onTransitioned(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext) { ... }
 *
 * The method's type is checked against the contract: a handler that declares another contract's envelope does
 * not compile. (A descriptor typed by the method itself, constrained by the contract, is what makes the check
 * real; Nest's `@EventPattern` types the payload from a type argument the handler is free to get wrong.)
 * Underneath it registers Nest's event pattern, so the inbox transport finds the handler as Nest finds any.
 */
export function HandlesEvent<P extends object>(contract: EventContract<P>) {
  return <M extends HandlerOf<P>>(target: object, method: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const handler = `${target.constructor.name}.${String(method)}`;
    if (contract.upcast) {
      // A contract with an upcaster has a newer version, and the inbox only ever delivers the newest.
      throw new Error(`@HandlesEvent on ${handler}: ${contract.type} v${contract.version} is not the newest version; handle the newest one`);
    }
    Reflect.defineMetadata(HANDLED_EVENT, { type: contract.type, handler } satisfies HandledEvent, descriptor.value as object);
    EventPattern<string>(contract.type, { [HANDLER_NAME_EXTRA]: handler })(target, method, descriptor);
  };
}

/** The event a method handles, if it is decorated with `@HandlesEvent`. */
export function handledEventOf(method: unknown): HandledEvent | undefined {
  return typeof method === 'function' ? (Reflect.getMetadata(HANDLED_EVENT, method) as HandledEvent | undefined) : undefined;
}

/**
 * Why a consumer refuses to start: two handlers of one event would both run in the transaction of its inbox
 * row, in an order nobody chose (Nest runs them concurrently). See the README, "One handler per event".
 */
export function twoHandlersError(type: string, first: string, second: string): Error {
  return new Error(
    `Two handlers of ${type} in one inbox consumer: ${first} and ${second}. ` +
      'Each event has one handler per consumer, which runs in the transaction of the inbox row: merge them into one.',
  );
}

/**
 * The `@HandlesEvent` handlers of these objects (a service's event controllers) by event type, each bound to its
 * object: what replay and tests run, the same methods the live transport runs. Two handlers of one event fail.
 */
export function eventHandlersOf(instances: readonly object[]): EventHandlers {
  const handlers: Record<string, EventHandler> = {};
  const names = new Map<string, string>();
  for (const instance of instances) {
    const methods = instance as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
      const method = methods[name];
      const handled = handledEventOf(method);
      if (!handled || typeof method !== 'function') continue;
      const first = names.get(handled.type);
      if (first !== undefined) throw twoHandlersError(handled.type, first, handled.handler);
      names.set(handled.type, handled.handler);
      handlers[handled.type] = (envelope, ctx) => method.call(instance, envelope, ctx) as unknown;
    }
  }
  return handlers;
}

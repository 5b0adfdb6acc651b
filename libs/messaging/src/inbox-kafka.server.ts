import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, type MsPattern, Server } from '@nestjs/microservices';
import { type Observable, lastValueFrom, throwError } from 'rxjs';
import type { Consumer } from 'kafkajs';
import { messageOf } from './event-parsing';
import { HANDLER_NAME_EXTRA, twoHandlersError } from './handles-event';
import type { EventHandler } from './inbox/handler';
import { InboxConsumer } from './inbox/inbox-consumer';
import type { InboxConsumerOptions } from './inbox/options';

export type InboxKafkaServerOptions = Omit<InboxConsumerOptions, 'handlers'>;
export type InboxServerStatus = 'connecting' | 'connected' | 'disconnected';
type InboxServerEvents = Record<string, (event: unknown) => void>;

/** Thrown in place of the plain `{ status, message }` object Nest's default RPC filter turns errors into. */
export class EventHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventHandlerError';
  }
}

/**
 * A NestJS transport that consumes Kafka through the inbox: services write `@HandlesEvent` handlers and get
 * exactly-once effects, retries with backoff, and dead letters:
 *
 *   app.connectMicroservice({ strategy: new InboxKafkaServer({ consumer: 'metrics-projections', topics, dataSource, brokers }) });
 *
 *   @HandlesEvent(LeadershipTransitioned)
 *   async onTransition(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext) { await ctx.manager.save(...) }
 *
 * The handler receives the checked, upcast envelope (not raw bytes, not a Nest-deserialized string), and the
 * context carries the transaction manager its writes must go through. Differences from the stock Kafka
 * server, on purpose: the group id is exactly `consumer` (no `-server` suffix); a failing handler is retried
 * a bounded number of times and then dead-lettered instead of blocking its partition; events nobody handles
 * are acknowledged; topics that do not exist yet are waited for; two handlers of one event refuse to start.
 *
 * Register InboxExceptionFilter globally (`app.useGlobalFilters(new InboxExceptionFilter())`) so the real
 * error, not "Internal server error", reaches the retry logic and the `dlq-error` header.
 */
export class InboxKafkaServer extends Server<InboxServerEvents, InboxServerStatus> implements CustomTransportStrategy {
  // The transport awaits every handler and handles its failure itself, so Nest need not log it again.
  override readonly propagatesEventHandlerErrors = true;
  private readonly inbox: InboxConsumer;

  constructor(options: InboxKafkaServerOptions) {
    super();
    this.inbox = new InboxConsumer({ ...options, handlers: (type) => this.nestHandlerFor(type) });
  }

  /** The plain consumer underneath (assignment, outcome hooks). */
  get inboxConsumer(): InboxConsumer {
    return this.inbox;
  }

  listen(callback: (error?: unknown) => void): void {
    this._status$.next('connecting');
    this.inbox.start().then(
      () => {
        this._status$.next('connected');
        callback();
      },
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.inbox.close();
    this._status$.next('disconnected');
  }

  /**
   * Nest registers every handler through here when the microservice initialises, before `listen()`. Only
   * `@HandlesEvent` handlers are taken (replay finds those, so live and replay run the same code), and a second
   * handler of one event fails the start instead of joining the first (Nest would run both concurrently).
   */
  override addHandler(pattern: MsPattern, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const route = this.normalizePattern(pattern);
    const handler = extras[HANDLER_NAME_EXTRA];
    if (!isEventHandler || typeof handler !== 'string') {
      throw new Error(
        `InboxKafkaServer runs @HandlesEvent handlers only; the handler of '${route}' was registered another way (@EventPattern, @MessagePattern)`,
      );
    }
    const existing = this.getHandlerByPattern(route);
    if (existing) throw twoHandlersError(route, String(existing.extras?.[HANDLER_NAME_EXTRA]), handler);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /** kafkajs consumer instrumentation events (`consumer.crash`, `consumer.group_join`, ...). */
  on(event: string, callback: (event: unknown) => void): void {
    this.inbox.on(event, callback);
  }

  unwrap<T = Consumer>(): T {
    const consumer = this.inbox.unwrap();
    if (!consumer) throw new Error('InboxKafkaServer is not listening yet: no Kafka consumer to unwrap');
    return consumer as T;
  }

  private nestHandlerFor(type: string): EventHandler | undefined {
    const handler = this.getHandlerByPattern(type);
    if (!handler?.isEventHandler) return undefined;
    return async (envelope, ctx) => {
      try {
        const result: unknown = await handler(envelope, ctx);
        // Interceptors wrap results in observables; completion of the stream is completion of the handler.
        await lastValueFrom(this.transformToObservable(result) as Observable<unknown>, { defaultValue: undefined });
      } catch (error) {
        throw error instanceof Error ? error : new EventHandlerError(messageOf(error));
      }
    };
  }
}

/**
 * Hands handler errors to the transport unchanged. Nest's default RPC filter replaces any error that is not
 * an RpcException with `{ status: 'error', message: 'Internal server error' }`, which would hide the cause
 * from logs and dead letters, and would turn a PermanentEventError into an ordinary, retried failure.
 */
@Catch()
export class InboxExceptionFilter implements RpcExceptionFilter<unknown, Observable<never>> {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    // Only meant for the inbox transport; anywhere else, step aside as if no filter matched.
    if (host.getType() !== 'rpc') throw exception;
    return throwError(() => exception);
  }
}

// Decorator metadata (class-transformer's @Type in the contracts) needs the polyfill before any contract loads.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type EventContext,
  type EventContract,
  type EventEnvelope,
  type NewEvent,
  findContract,
  makeEnvelope,
  validatePayload,
} from '@crosswalk/contracts';
import { currentContext } from '@crosswalk/observability';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { OutboxRecord } from './entities/outbox-record.entity';

/** Anything that can be told "there is new work": the relay. */
export interface Wakeable {
  wake(): void;
}

export interface OutboxOptions {
  /** The publishing service: the envelope's `source` and, without a request context, the actor. */
  service: string;
}

/**
 * The write side of messaging: appends events to the outbox table inside the caller's transaction.
 * Prefer `UnitOfWork.run`, which also flushes at the right moment and wakes the relay after commit.
 */
export class Outbox {
  readonly service: string;

  constructor(options: OutboxOptions) {
    this.service = options.service;
  }

  /**
   * Validates each payload against its registered contract, wraps it in an envelope carrying the current
   * request's correlation, causation and actor, and inserts the rows with `manager` (so they commit or roll
   * back with the caller's state change). Returns the envelopes exactly as they will be published.
   *
   * An event type without a registered contract is a programming error and throws; so does an invalid
   * payload (PayloadValidationError), which rolls the whole use case back.
   */
  async record(manager: EntityManager, events: readonly NewEvent<object>[]): Promise<EventEnvelope<object>[]> {
    if (events.length === 0) return [];
    const context = this.eventContext();
    const createdAt = new Date();
    const envelopes: EventEnvelope<object>[] = [];
    const rows: Partial<OutboxRecord>[] = [];
    for (const event of events) {
      const contract = findContract(event.type, event.version);
      if (!contract) {
        throw new Error(
          `Event ${event.type} v${event.version} has no registered contract: define it with defineEvent in libs/contracts ` +
            'and make sure the contract file is imported before publishing',
        );
      }
      // Validate the JSON form, the one consumers will parse and validate: a Date becomes an ISO string and an
      // undefined field disappears here exactly as on the wire. The returned envelope carries the same form.
      const payload = JSON.parse(JSON.stringify(event.payload)) as object;
      await validatePayload(contract, payload);
      const envelope = makeEnvelope({ ...event, payload }, context);
      envelopes.push(envelope);
      rows.push({
        id: envelope.id,
        topic: contract.topic,
        key: envelope.key,
        type: envelope.type,
        version: envelope.version,
        envelope: JSON.stringify(envelope),
        status: 'pending',
        attempts: 0,
        createdAt,
        sentAt: null,
        lastError: null,
      });
    }
    // One multi-row insert: the rows get ascending `seq` values in the order the events were recorded.
    await manager.insert(OutboxRecord, rows);
    return envelopes;
  }

  /** Correlation, causation and actor from the request or event being handled, or a fresh chain. */
  private eventContext(): EventContext {
    const ctx = currentContext();
    if (ctx) {
      return { source: this.service, correlationId: ctx.correlationId, causationId: ctx.causationId, actor: ctx.actor };
    }
    // No request and no event behind this work (a scheduled job, a start-up task): the service is the actor.
    const actor: Actor = { kind: 'service', id: this.service };
    return { source: this.service, correlationId: randomUUID(), causationId: null, actor };
  }
}

/** An event of a known contract: the contract supplies type and version, so they cannot be mistyped. */
export interface ContractEvent<P extends object> {
  key: string;
  cityId: string | null;
  payload: P;
  occurredAt?: Date;
}

/** What a unit of work gives its body: the transaction's manager and a way to record events in it. */
export interface TransactionScope {
  /** Every write of the use case goes through this manager, so it commits with the events. */
  readonly manager: EntityManager;
  /**
   * Records events to publish if, and only if, this transaction commits. Synchronous on purpose: the events
   * are validated and written when the body returns, so there is no promise to forget to await.
   *
   *   tx.record(CityCreated, { key: city.id, cityId: city.id, payload: { ... } });   // typed by the contract
   *   tx.record({ type: 'schools.city.created', version: 1, key, cityId, payload }); // plain NewEvents
   */
  record<P extends object>(contract: EventContract<P>, event: ContractEvent<P>): void;
  record(...events: NewEvent<object>[]): void;
}

function isContract(value: EventContract<object> | NewEvent<object> | ContractEvent<object>): value is EventContract<object> {
  // A contract's payload is the payload class; an event's payload is data.
  return typeof value.payload === 'function';
}

/**
 * Collects events recorded during a transaction and writes them at its end. Shared by the unit of work
 * (use cases) and the inbox consumer (handlers that publish follow-up events).
 */
export class RecordingScope implements TransactionScope {
  private readonly pending: NewEvent<object>[] = [];
  private closed = false;

  constructor(
    readonly manager: EntityManager,
    private readonly outbox: Outbox | undefined,
  ) {}

  record<P extends object>(contract: EventContract<P>, event: ContractEvent<P>): void;
  record(...events: NewEvent<object>[]): void;
  record(...args: (EventContract<object> | NewEvent<object> | ContractEvent<object>)[]): void {
    const [first, second] = args;
    if (first !== undefined && isContract(first) && second === undefined) {
      throw new Error(`record(${first.type}, event): the event (key, cityId, payload) is missing`);
    }
    const events: NewEvent<object>[] =
      first !== undefined && isContract(first)
        ? [{ ...(second as ContractEvent<object>), type: first.type, version: first.version }]
        : (args as NewEvent<object>[]);
    if (this.closed) {
      throw new Error('record() was called after the transaction ended; record events inside the unit of work body');
    }
    if (!this.outbox) {
      throw new Error('This consumer has no outbox: pass `outbox` (and `relay`) in its options to publish events from handlers');
    }
    this.pending.push(...events);
  }

  /** Writes the recorded events with the transaction's manager; called once, as the body's last step. */
  async flush(): Promise<EventEnvelope<object>[]> {
    this.closed = true;
    if (this.pending.length === 0 || !this.outbox) return [];
    return this.outbox.record(this.manager, this.pending);
  }
}

export interface UnitOfWorkRunOptions {
  /** Default: the database's default (REPEATABLE READ on MySQL). */
  isolationLevel?: IsolationLevel;
}

/**
 * Runs a use case in one transaction with its events: state changes and outbox rows commit together, then
 * the relay is woken so the events leave within milliseconds instead of at the next poll.
 *
 *   await unitOfWork.run(async (tx) => {
 *     await tx.manager.save(school);
 *     tx.record({ type: 'schools.school.closed', version: 1, key: school.id, cityId: school.cityId, payload });
 *   });
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay?: Wakeable,
  ) {}

  async run<T>(work: (tx: TransactionScope) => Promise<T>, options: UnitOfWorkRunOptions = {}): Promise<T> {
    return (await this.runReturningEvents(work, options)).result;
  }

  /** Like `run`, and also returns the envelopes it published (their ids, correlation ids). */
  async runReturningEvents<T>(
    work: (tx: TransactionScope) => Promise<T>,
    options: UnitOfWorkRunOptions = {},
  ): Promise<{ result: T; events: EventEnvelope<object>[] }> {
    const body = async (manager: EntityManager): Promise<{ result: T; events: EventEnvelope<object>[] }> => {
      const scope = new RecordingScope(manager, this.outbox);
      const result = await work(scope);
      const events = await scope.flush();
      return { result, events };
    };
    const outcome = options.isolationLevel ? await this.dataSource.transaction(options.isolationLevel, body) : await this.dataSource.transaction(body);
    // Only after commit: waking earlier could let the relay look before the rows are visible.
    if (outcome.events.length > 0) this.relay?.wake();
    return outcome;
  }
}

import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EventEnvelope } from './envelope';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class constructor of any shape
export type PayloadClass<P extends object = object> = new (...args: any[]) => P;

export interface EventContract<P extends object = object> {
  /** `<service>.<aggregate>.<fact>`, e.g. `schools.city.created`. */
  readonly type: string;
  readonly version: number;
  /** Catalog topic it travels on. */
  readonly topic: string;
  readonly payload: PayloadClass<P>;
  readonly description: string;
  /** Turns this version's payload into the next version's; absent on the newest version. */
  readonly upcast?: (payload: P) => object;
}

/**
 * The envelope a consumer receives for a contract: `EventOf<typeof LeadershipTransitioned>`. Handlers get the
 * newest version (older ones are upcast first), which is why only the newest contract of a type is handled.
 */
export type EventOf<C extends Pick<EventContract, 'payload'>> = EventEnvelope<InstanceType<C['payload']>>;

const contracts = new Map<string, EventContract>();
const keyOf = (type: string, version: number) => `${type}@v${version}`;

/** Declares an event contract; each contract file calls it once at import time. */
export function defineEvent<P extends object>(contract: EventContract<P>): EventContract<P> {
  const key = keyOf(contract.type, contract.version);
  if (contracts.has(key)) throw new Error(`Event contract ${key} is defined twice`);
  contracts.set(key, contract as unknown as EventContract);
  return contract;
}

export function findContract(type: string, version: number): EventContract | undefined {
  return contracts.get(keyOf(type, version));
}

export function allContracts(): EventContract[] {
  return [...contracts.values()].sort((a, b) => keyOf(a.type, a.version).localeCompare(keyOf(b.type, b.version)));
}

export function latestVersionOf(type: string): number | undefined {
  const versions = allContracts()
    .filter((c) => c.type === type)
    .map((c) => c.version);
  return versions.length ? Math.max(...versions) : undefined;
}

export class PayloadValidationError extends Error {
  constructor(
    readonly contract: string,
    readonly details: string[],
  ) {
    super(`Invalid ${contract} payload: ${details.join('; ')}`);
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Validates a payload against its contract; throws PayloadValidationError naming every bad field. */
export async function validatePayload<P extends object>(contract: EventContract<P>, payload: unknown): Promise<P> {
  if (payload === null || typeof payload !== 'object') {
    throw new PayloadValidationError(keyOf(contract.type, contract.version), ['payload must be an object']);
  }
  const instance = plainToInstance(contract.payload, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new PayloadValidationError(keyOf(contract.type, contract.version), flatten(errors));
  return instance;
}

/**
 * Brings an older payload up to the newest version of its type by chaining upcasters, so consumers
 * are written against one version only.
 */
export function upcastToLatest(type: string, version: number, payload: object): { version: number; payload: object } {
  let current = { version, payload };
  for (;;) {
    const contract = findContract(type, current.version);
    if (!contract?.upcast) return current;
    current = { version: current.version + 1, payload: contract.upcast(current.payload) };
  }
}

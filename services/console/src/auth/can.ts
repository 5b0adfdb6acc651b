import type { Session } from './session';

/**
 * What the console shows: navigation, columns and buttons ask `can`, and only `can`. It mirrors the API's rules
 * (libs/auth: analysts read only; a city operator reads and writes its own cities; a network admin everything)
 * so that nobody is offered what the API would refuse. The API still enforces every rule itself.
 */
export type Action = 'view' | 'create' | 'edit' | 'export';
export type Resource =
  'city' | 'organization' | 'school' | 'person' | 'leadership' | 'metrics' | 'event' | 'registration' | 'colocation' | 'compact' | 'import';

/** A record's city, when it has one: a city operator acts only on its own cities' records. */
export interface Scoped {
  cityId?: string | null;
}

/** Resources that belong to no city, which a city operator may still create or edit (people move between cities). */
const UNSCOPED: ReadonlySet<Resource> = new Set(['person']);
/** Resources only a network admin creates or edits: the shape of the network itself. */
const NETWORK_ONLY: ReadonlySet<Resource> = new Set(['city']);

export function can(session: Pick<Session, 'role' | 'cities'> | undefined, action: Action, resource: Resource, record?: Scoped): boolean {
  if (!session) return false;
  const { role, cities } = session;
  if (role === 'network_admin') return true;
  const inMyCities = record?.cityId === undefined || record.cityId === null ? undefined : cities.includes(record.cityId);
  if (action === 'view' || action === 'export') {
    if (role === 'analyst') return true;
    // A city operator sees its cities' records; a list or a screen (no record) it may open.
    return inMyCities ?? true;
  }
  if (role === 'analyst') return false;
  if (NETWORK_ONLY.has(resource)) return false;
  if (resource === 'metrics') return false;
  if (UNSCOPED.has(resource)) return true;
  // Without a record (a "New school" button), the form offers only the operator's cities.
  return inMyCities ?? cities.length > 0;
}

/** The cities a list may ask for: undefined means every city. */
export function visibleCities(session: Pick<Session, 'role' | 'cities'>): string[] | undefined {
  return session.role === 'city_operator' ? session.cities : undefined;
}

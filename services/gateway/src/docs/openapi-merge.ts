import { ROUTE_TABLE, type RouteTable, type UpstreamName, matchRoute } from '../routing/route-table';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ServiceDocument {
  service: UpstreamName;
  document: JsonObject;
}

export interface MergeInput {
  /** Documents in the order they should appear (the route table's service order). */
  documents: ServiceDocument[];
  /** Services whose document could not be fetched; named in `x-unavailable-services`. */
  unavailable: UpstreamName[];
  routes?: RouteTable;
}

const REF = /^#\/components\/([^/]+)\/(.+)$/;

/** Key order must not make two equal definitions look different. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `schemas/School` for every `$ref` (and discriminator mapping) inside `value`. */
function referencedComponents(value: JsonValue, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = REF.exec(value);
    if (match) found.add(`${match[1]}/${match[2]}`);
  } else if (Array.isArray(value)) {
    value.forEach((item) => referencedComponents(item, found));
  } else if (isJsonObject(value)) {
    Object.values(value).forEach((item) => referencedComponents(item, found));
  }
  return found;
}

function rewriteRefs(value: JsonValue, rename: (key: string) => string | undefined): JsonValue {
  if (typeof value === 'string') {
    const match = REF.exec(value);
    const renamed = match ? rename(`${match[1]}/${match[2]}`) : undefined;
    return renamed ? `#/components/${match?.[1]}/${renamed}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteRefs(item, rename)]));
  }
  return value;
}

function componentsOf(document: JsonObject): Map<string, JsonValue> {
  const result = new Map<string, JsonValue>();
  const components = document.components;
  if (!isJsonObject(components)) return result;
  for (const [kind, entries] of Object.entries(components)) {
    if (!isJsonObject(entries)) continue;
    for (const [name, definition] of Object.entries(entries)) result.set(`${kind}/${name}`, definition);
  }
  return result;
}

export function prefixedName(service: UpstreamName, name: string): string {
  return `${service}_${name}`;
}

/**
 * Component keys (`schemas/Page`) that cannot keep their name in the combined document: defined
 * differently by two services, or identical but referring to such a component (two equal `Page`
 * schemas pointing at two different `Item`s are different things).
 */
function collidingKeys(documents: ServiceDocument[]): Set<string> {
  const definitions = new Map<string, JsonValue[]>();
  for (const { document } of documents) {
    for (const [key, definition] of componentsOf(document)) {
      definitions.set(key, [...(definitions.get(key) ?? []), definition]);
    }
  }
  const colliding = new Set<string>();
  const shared = new Map<string, JsonValue[]>();
  for (const [key, variants] of definitions) {
    if (variants.length < 2) continue;
    if (new Set(variants.map(canonical)).size > 1) colliding.add(key);
    else shared.set(key, variants);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [key, variants] of shared) {
      if ([...referencedComponents(variants[0])].some((ref) => colliding.has(ref))) {
        colliding.add(key);
        shared.delete(key);
        changed = true;
      }
    }
  }
  return colliding;
}

/**
 * One OpenAPI document for the whole API. Only paths the gateway routes to the service that documents
 * them are published (a service's internal or misplaced paths would be unreachable through the gateway).
 * A component defined differently by two services is published once per service as `<service>_<Name>`,
 * with that service's references rewritten; identical definitions are published once under their name.
 */
export function mergeOpenApi({ documents, unavailable, routes = ROUTE_TABLE }: MergeInput): JsonObject {
  const colliding = collidingKeys(documents);
  const paths: JsonObject = {};
  const components: Record<string, JsonObject> = {};
  const tags = new Map<string, JsonValue>();

  for (const { service, document } of documents) {
    const rename = (key: string) => (colliding.has(key) ? prefixedName(service, key.slice(key.indexOf('/') + 1)) : undefined);
    const rewritten = rewriteRefs(document, rename) as JsonObject;

    if (isJsonObject(rewritten.paths)) {
      for (const [path, item] of Object.entries(rewritten.paths)) {
        if (matchRoute(path, routes)?.upstream === service) paths[path] = item;
      }
    }
    for (const [key, definition] of componentsOf(rewritten)) {
      const slash = key.indexOf('/');
      const kind = key.slice(0, slash);
      const name = rename(key) ?? key.slice(slash + 1);
      components[kind] ??= {};
      components[kind][name] ??= definition;
    }
    if (Array.isArray(rewritten.tags)) {
      for (const tag of rewritten.tags) {
        if (isJsonObject(tag) && typeof tag.name === 'string' && !tags.has(tag.name)) tags.set(tag.name, tag);
      }
    }
  }

  // Every service answers with the same bearer token, so one scheme covers the whole API.
  components.securitySchemes ??= {};
  components.securitySchemes.bearer ??= { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };

  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const openapi = documents.find(({ document }) => typeof document.openapi === 'string')?.document.openapi ?? '3.0.0';
  return {
    openapi,
    info: {
      title: 'Crosswalk API',
      version: '1',
      description:
        'Every /v1 route of Crosswalk, served through the gateway. Send `Authorization: Bearer <JWT>`. ' +
        `Combined from the services' own documents (${documents.map((d) => d.service).join(', ') || 'none available'}).`,
    },
    security: [{ bearer: [] }],
    tags: [...tags.values()],
    paths: sortedPaths,
    components,
    'x-unavailable-services': unavailable,
  };
}

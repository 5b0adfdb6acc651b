import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import {
  IS_DATE,
  IS_DATE_STRING,
  IS_INT,
  IS_ISO8601,
  IS_NOT_EMPTY,
  IS_OPTIONAL,
  MATCHES,
  MAX,
  MAX_DATE,
  MIN,
  MIN_DATE,
  ValidationTypes,
  getMetadataStorage,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { type JsonObject, type JsonValue, isJsonObject } from './json';

/** Any class whose instances class-validator checks (payload classes, the envelope, nested classes). */
export type ClassType = new (...args: never[]) => object;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const DEFS = '#/$defs/';

export interface ClassSchemaOptions {
  /**
   * Forbid properties the classes do not declare (`additionalProperties: false` on every object). True for
   * payloads: consumers validate them with `forbidNonWhitelisted`, so an unknown field is an invalid event.
   */
  closed: boolean;
  /** Documentation merged over a generated property schema (descriptions, enums the validators cannot express). */
  annotate?: (className: string, property: string) => JsonObject | undefined;
}

export interface ClassSchema {
  /** The root class as an object schema (no `$schema`/`$id`: the caller adds the document header). */
  schema: JsonObject;
  /** Schemas of the nested classes, by class name, sorted; referenced as `#/$defs/<Name>`. */
  defs: Record<string, JsonObject>;
}

// Formats are annotations in draft 2020-12, so the library's `oneOf: [date, date-time]` would fail every
// string in a validator that does not assert formats (both branches match): `anyOf` says the same thing.
const dateString = (): JsonObject => ({ type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] });
const dateConstraint = (meta: ValidationMetadata): string => {
  const value: unknown = meta.constraints[0];
  if (value instanceof Date) return value.toISOString();
  // A function is evaluated at validation time ("not in the future"): a fixed date would be wrong tomorrow.
  return typeof value === 'function' ? 'a date computed when the event is validated' : String(value);
};

const converters: ISchemaConverters = {
  [IS_ISO8601]: dateString,
  [IS_DATE_STRING]: dateString,
  [IS_DATE]: dateString,
  [MIN_DATE]: (meta) => ({ ...dateString(), description: `On or after ${dateConstraint(meta)}` }),
  [MAX_DATE]: (meta) => ({ ...dateString(), description: `On or before ${dateConstraint(meta)}` }),
  // The library's version reads `.source` and so loses a pattern given as a string; `integer` is fixed below.
  [MATCHES]: (meta) => {
    const pattern: unknown = meta.constraints[0];
    return { type: 'string', pattern: pattern instanceof RegExp ? pattern.source : String(pattern) };
  },
  // Not empty is `!== ''` (and not null): it implies no type, so `@IsNotEmpty() @IsInt()` stays an integer.
  [IS_NOT_EMPTY]: { minLength: 1 },
  [MIN]: (meta) => ({ type: 'number', minimum: Number(meta.constraints[0]) }),
  [MAX]: (meta) => ({ type: 'number', maximum: Number(meta.constraints[0]) }),
  // A custom validator says nothing a schema can express; only a primitive design type is safe to state
  // (the library would emit `$ref: Object` for `string | null` and other unions).
  [ValidationTypes.CUSTOM_VALIDATION]: (meta) => {
    const type = typeof meta.target === 'function' ? designTypeOf(meta.target, meta.propertyName) : undefined;
    if (type === String) return { type: 'string' };
    if (type === Number) return { type: 'number' };
    if (type === Boolean) return { type: 'boolean' };
    return {};
  },
};

function designTypeOf(target: object, property: string): unknown {
  const prototype: unknown = (target as { prototype?: unknown }).prototype;
  return typeof prototype === 'object' && prototype !== null ? (Reflect.getMetadata('design:type', prototype, property) as unknown) : undefined;
}

function metadataOf(cls: ClassType): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
}

const PRIMITIVES: readonly unknown[] = [String, Number, Boolean];

/** The class a `@ValidateNested()` property holds: `@Type(() => Child)` first, else the design type. */
function nestedClassOf(meta: ValidationMetadata, owner: ClassType): ClassType | undefined {
  const target = typeof meta.target === 'function' ? meta.target : owner;
  const declared = defaultMetadataStorage.findTypeMetadata(target, meta.propertyName)?.typeFunction();
  const type = declared ?? designTypeOf(target, meta.propertyName);
  if (PRIMITIVES.includes(type)) return undefined;
  if (typeof type !== 'function' || !type.name || type === Object || type === Array) {
    throw new Error(`${owner.name}.${meta.propertyName}: @ValidateNested() needs @Type(() => TheClass) so its schema can be generated`);
  }
  return type as ClassType;
}

/** The root class and every class reachable from it through `@ValidateNested()`, by name. */
function reachableClasses(root: ClassType): Map<string, ClassType> {
  const found = new Map<string, ClassType>([[root.name, root]]);
  const queue: ClassType[] = [root];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const meta of metadataOf(next)) {
      if (meta.type !== ValidationTypes.NESTED_VALIDATION) continue;
      const child = nestedClassOf(meta, next);
      if (!child) continue;
      const known = found.get(child.name);
      if (known && known !== child) {
        throw new Error(`Two different classes named ${child.name} are reachable from ${root.name}: rename one`);
      }
      if (!known) {
        found.set(child.name, child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Lets null through as class-validator's `@IsOptional()` does (it skips a property that is null or undefined). */
function nullable(schema: JsonObject): JsonObject {
  const { type } = schema;
  if (typeof type === 'string' && schema.enum === undefined && schema.const === undefined && schema.anyOf === undefined) {
    return { ...schema, type: [type, 'null'] };
  }
  const { description, ...rest } = schema;
  return description === undefined ? { anyOf: [rest, { type: 'null' }] } : { description, anyOf: [rest, { type: 'null' }] };
}

function classSchemaOf(cls: ClassType, options: ClassSchemaOptions): JsonObject {
  const generated = JSON.parse(
    JSON.stringify(
      targetConstructorToSchema(cls, {
        refPointerPrefix: DEFS,
        classTransformerMetadataStorage: defaultMetadataStorage,
        additionalConverters: converters,
      }),
    ),
  ) as JsonObject;
  const metas = metadataOf(cls);
  const source = isJsonObject(generated.properties) ? generated.properties : {};
  const properties: JsonObject = {};
  for (const [name, value] of Object.entries(source)) {
    if (!isJsonObject(value)) continue;
    const own = metas.filter((m) => m.propertyName === name);
    let property: JsonObject = { ...value };
    // `@IsInt() @Min(1)` merges `integer` and `number` in decorator order; integer is the stricter truth.
    const int = own.find((m) => m.type === IS_INT || m.name === IS_INT);
    if (int?.each && isJsonObject(property.items)) property.items = { ...property.items, type: 'integer' };
    else if (int) property.type = 'integer';
    property = { ...property, ...(options.annotate?.(cls.name, name) ?? {}) };
    if (own.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === IS_OPTIONAL)) {
      property = nullable(property);
    }
    properties[name] = property;
  }
  const schema: JsonObject = { type: 'object', properties };
  if (Array.isArray(generated.required) && generated.required.length) schema.required = generated.required;
  if (options.closed) schema.additionalProperties = false;
  return schema;
}

function refsIn(value: JsonValue, refs: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, refs));
  else if (isJsonObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') refs.add(v);
      else refsIn(v, refs);
    }
  }
  return refs;
}

function replaceRef(value: JsonValue, from: string, to: string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => replaceRef(v, from, to));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === '$ref' && v === from ? to : replaceRef(v, from, to);
  return out;
}

/**
 * JSON Schema (draft 2020-12 keywords) of a class-validator class, following nested classes. Built with
 * class-validator-jsonschema plus the corrections above; every `$ref` is checked to point at a generated def.
 */
export function classJsonSchema(root: ClassType, options: ClassSchemaOptions): ClassSchema {
  const classes = reachableClasses(root);
  const selfRef = `${DEFS}${root.name}`;
  let schema = replaceRef(classSchemaOf(root, options), selfRef, '#') as JsonObject;
  const defs: Record<string, JsonObject> = {};
  for (const name of [...classes.keys()].filter((n) => n !== root.name).sort()) {
    const cls = classes.get(name);
    if (cls) defs[name] = replaceRef(classSchemaOf(cls, options), selfRef, '#') as JsonObject;
  }
  schema = canonicalSchema(schema);
  for (const name of Object.keys(defs)) defs[name] = canonicalSchema(defs[name]);

  const refs = refsIn([schema, ...Object.values(defs)], new Set());
  for (const ref of refs) {
    if (ref !== '#' && !(ref.startsWith(DEFS) && ref.slice(DEFS.length) in defs)) {
      throw new Error(`${root.name}: generated schema refers to ${ref}, which is not a generated definition`);
    }
  }
  return { schema, defs };
}

/** The order keywords are written in, whatever order the decorators were applied in. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  '$ref',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$defs',
];
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else']);

function keywordRank(key: string): number {
  const index = KEYWORD_ORDER.indexOf(key);
  return index === -1 ? KEYWORD_ORDER.length : index;
}

/**
 * Orders a schema's keywords deterministically (known keywords first, the rest alphabetically) without
 * reordering property names, which keep the class's declaration order.
 */
export function canonicalSchema(schema: JsonObject): JsonObject {
  const keys = Object.keys(schema).sort((a, b) => keywordRank(a) - keywordRank(b) || a.localeCompare(b));
  const out: JsonObject = {};
  for (const key of keys) {
    const value = schema[key];
    if (SCHEMA_MAPS.has(key) && isJsonObject(value)) {
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) map[name] = isJsonObject(sub) ? canonicalSchema(sub) : sub;
      out[key] = map;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => (isJsonObject(sub) ? canonicalSchema(sub) : sub));
    } else if (SCHEMA_VALUES.has(key) && isJsonObject(value)) {
      out[key] = canonicalSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

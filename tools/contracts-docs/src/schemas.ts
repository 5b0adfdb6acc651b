import { EventEnvelope, type EventContract, personalFieldsOf } from '@crosswalk/contracts';
import { ENVELOPE_FIELD_DOCS } from './envelope-docs';
import { type JsonObject, isJsonObject } from './json';
import { JSON_SCHEMA_DIALECT, canonicalSchema, classJsonSchema } from './json-schema';
import { ENVELOPE_SCHEMA_FILE, ENVELOPE_VERSION, GENERATED_NOTICE, SCHEMA_ID_BASE, payloadSchemaFile } from './model';

function document(file: string, title: string, description: string, body: JsonObject, defs: Record<string, JsonObject>): JsonObject {
  const schema: JsonObject = {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${SCHEMA_ID_BASE}${file}`,
    $comment: GENERATED_NOTICE,
    title,
    description,
    ...body,
  };
  if (Object.keys(defs).length) schema.$defs = defs;
  return canonicalSchema(schema);
}

/** The envelope every event travels in; `payload` is left open (each contract's schema closes it). */
export function envelopeSchema(): JsonObject {
  const { schema, defs } = classJsonSchema(EventEnvelope, {
    closed: false,
    annotate: (className, property) => ENVELOPE_FIELD_DOCS[className]?.[property],
  });
  for (const [className, objectSchema] of [['EventEnvelope', schema], ...Object.entries(defs)] as const) {
    const properties = isJsonObject(objectSchema.properties) ? objectSchema.properties : {};
    const undocumented = Object.keys(properties).filter((p) => !ENVELOPE_FIELD_DOCS[className]?.[p]?.description);
    if (undocumented.length) {
      throw new Error(
        `Envelope field(s) ${undocumented.map((p) => `${className}.${p}`).join(', ')} have no description: ` +
          'add them to ENVELOPE_FIELD_DOCS in tools/contracts-docs/src/envelope-docs.ts',
      );
    }
  }
  return document(
    ENVELOPE_SCHEMA_FILE,
    `Crosswalk event envelope v${ENVELOPE_VERSION}`,
    'The JSON value of every record on a Crosswalk topic. The record key is `key` (the aggregate id). ' +
      '`payload` is described by the schema of its contract, `<type>.v<version>.json`. ' +
      'Consumers ignore envelope fields this schema does not list.',
    schema,
    defs,
  );
}

/**
 * The payload of one contract version. Closed: consumers reject fields the contract does not declare. A field
 * marked `@PersonalData(kind)` says so with `x-personal-data: <kind>`.
 */
export function payloadSchema(contract: EventContract): JsonObject {
  const personal = personalFieldsOf(contract.payload);
  const { schema, defs } = classJsonSchema(contract.payload, {
    closed: true,
    annotate: (className, property) => {
      const kind = className === contract.payload.name ? personal.get(property) : undefined;
      return kind === undefined ? undefined : { 'x-personal-data': kind };
    },
  });
  return document(payloadSchemaFile(contract), `${contract.type} v${contract.version}`, contract.description, schema, defs);
}

import { deadLetterTopicOf, personalFieldsOf } from '@crosswalk/contracts';
import { DEAD_LETTER_HEADER_DOCS, EVENT_HEADER_DOCS } from './envelope-docs';
import { type JsonObject, type JsonValue, isJsonObject } from './json';
import { ENVELOPE_SCHEMA_FILE, GENERATED_NOTICE, type ContractCatalog, payloadSchemaFile } from './model';

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A short type label for a property schema, e.g. `string or null`, `integer ≥ 1`, `Actor`. */
export function typeLabel(schema: JsonValue | undefined): string {
  if (!isJsonObject(schema)) return 'any';
  if (typeof schema.$ref === 'string') return 'object';
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.filter(isJsonObject);
    if (branches.length && branches.every((b) => typeof b.format === 'string' && Object.keys(b).length === 1)) {
      const { anyOf: _formats, ...base } = schema;
      return `${typeLabel(base)} (${branches.map((b) => b.format).join(' or ')})`;
    }
    if (schema.type === undefined) return branches.map((b) => typeLabel(b)).join(' or ');
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  let label = types.map((t) => (t === 'array' ? `array of ${typeLabel(schema.items)}` : String(t))).join(' or ');
  if (Array.isArray(schema.enum)) label = `one of ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (typeof schema.minimum === 'number') label += ` ≥ ${schema.minimum}`;
  return label;
}

function fieldRows(objectSchema: JsonObject, defs: JsonObject, prefix: string): string[][] {
  const properties = isJsonObject(objectSchema.properties) ? objectSchema.properties : {};
  const required = new Set(Array.isArray(objectSchema.required) ? objectSchema.required.map(String) : []);
  return Object.entries(properties).flatMap(([name, schema]) => {
    const row = [
      `\`${prefix}${name}\``,
      typeLabel(schema),
      required.has(name) ? 'yes' : 'no',
      isJsonObject(schema) && typeof schema.description === 'string' ? schema.description : '',
    ];
    // A nested object (the actor) is spelled out field by field under its parent.
    const ref = isJsonObject(schema) && typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
    const nested = ref === undefined ? undefined : defs[ref];
    return isJsonObject(nested) ? [row, ...fieldRows(nested, defs, `${prefix}${name}.`)] : [row];
  });
}

function envelopeRows(envelope: JsonObject): string[][] {
  return fieldRows(envelope, isJsonObject(envelope.$defs) ? envelope.$defs : {}, '');
}

export function readmeDocument(catalog: ContractCatalog, envelope: JsonObject): string {
  const topics = table(
    ['Topic', 'Partitions', 'Key', 'Owner', 'Readers', 'Dead-letter topic', 'What'],
    catalog.topics.map((t) => [
      `\`${t.name}\``,
      String(t.partitions),
      t.key,
      t.owner,
      t.readers ? `**restricted**: ${t.readers.join(', ')} only` : 'any consumer',
      `\`${deadLetterTopicOf(t.name)}\``,
      t.compacted ? `${t.description} Compacted.` : t.description,
    ]),
  );
  const restricted = catalog.topics.filter((t) => t.readers);
  const events = catalog.contracts.length
    ? table(
        ['Type', 'Version', 'Topic', 'Description', 'Personal data', 'Payload schema', 'Upcast'],
        catalog.contracts.map((c) => [
          `\`${c.type}\``,
          String(c.version),
          `\`${c.topic}\``,
          c.description,
          [...personalFieldsOf(c.payload)].map(([field, kind]) => `\`${field}\` (${kind})`).join(', '),
          `[${payloadSchemaFile(c)}](schemas/${payloadSchemaFile(c)})`,
          c.upcast ? `to v${c.version + 1}` : 'latest',
        ]),
      )
    : '_No contracts are registered yet._';
  const headers = table(
    ['Header', 'Present', 'Value'],
    EVENT_HEADER_DOCS.map((h) => [`\`${h.name}\``, h.required ? 'always' : 'when set', h.description]),
  );
  const deadLetterHeaders = DEAD_LETTER_HEADER_DOCS.map((h) => `\`${h.name}\``).join(', ');

  return `<!-- ${GENERATED_NOTICE} -->

# Crosswalk event contracts

What Crosswalk publishes on Kafka, for analytics consumers and for anyone writing a consumer. Everything in this
folder is generated from \`libs/contracts\` (the topic catalog and the contracts registered with \`defineEvent\`)
by \`tools/contracts-docs\`; a unit test fails when these files and the code disagree.

- [\`asyncapi.yaml\`](asyncapi.yaml): AsyncAPI 3.0.0 description of every topic, its dead-letter topic, the
  messages on it and the service that publishes them.
- [\`schemas/${ENVELOPE_SCHEMA_FILE}\`](schemas/${ENVELOPE_SCHEMA_FILE}): JSON Schema (draft 2020-12) of the envelope every event travels in.
- \`schemas/<type>.v<version>.json\`: JSON Schema (draft 2020-12) of each event version's payload.

## Envelope

Every record value is a UTF-8 JSON object:

${table(['Field', 'Type', 'Required', 'Meaning'], envelopeRows(envelope))}

The **record key** is the envelope's \`key\`, the aggregate id: all events of one aggregate (a school, a
compact, a partnership, ...) are on one partition, in the order they were recorded. There is no ordering across
aggregates or topics. Delivery is at least once: deduplicate on \`id\`.

Record **headers** repeat envelope fields, so records can be routed or filtered without parsing the value:

${headers}

## Topics

${topics}

## Events

${events}

## Personal data

Payload fields that are personal data are marked in the contracts (\`@PersonalData(kind)\` in \`libs/contracts\`)
and in the schemas (\`x-personal-data\`): \`contact\` is how to reach a person (an email address), \`name\` is who
they are. Contact data travels only on restricted topics, which only the services listed as their readers may
consume: ${restricted.length ? restricted.map((t) => `\`${t.name}\` (${t.readers?.join(', ')})`).join(', ') : 'none'}. The
deployment grants those services, and no one else, read ACLs on a restricted topic and its dead-letter topic; the
owner alone may write. Every other topic is an analytics topic: any consumer may read it, so it carries no contact
data (the generator refuses a contract that would put contact data there). Names stay on the directory topic:
it is the public list of who leads which school. Superseded versions published before a field left an analytics
topic stay on it as history; their upcasters drop the field.

## Versions, upcasters and what a consumer should do

- **A published version never changes.** \`(type, version)\` names exactly one payload schema. A change that could
  break a consumer (a field removed, renamed, retyped or newly required, a meaning changed) is a new \`version\`
  of the type, published alongside a new schema file, never an edit of the old one.
- **Payloads are closed.** Each payload schema has \`additionalProperties: false\`, and Crosswalk's own consumers
  reject unknown fields, so even adding a field is a new version. The envelope is open: ignore envelope fields
  the envelope schema does not list.
- **Old versions stay on the topics.** A record keeps the version its producer wrote, so reading a topic from
  the beginning meets old versions. Read \`version\` from the envelope and validate the payload with
  \`schemas/<type>.v<version>.json\`.
- **Upcasters.** Each version that has a successor carries an upcaster that turns its payload into the next
  version's shape (the Upcast column above; \`x-upcasts-to\` in \`asyncapi.yaml\`). Crosswalk services chain them
  (\`upcastToLatest\` in \`libs/contracts\`), so their handlers are written against the latest version only.
  A consumer outside the monorepo can either handle each version it meets, or port the upcasters (they are
  small, pure functions next to the payload classes in \`libs/contracts/src/<service>/\`) and do the same.
- **Nullable fields.** An optional field may be absent or \`null\`; the schemas allow both.
- **Topic versions.** A change to a whole topic (what its key is, the envelope) is a new topic
  (\`schools.directory.v2\`), never a change of the existing one.
- **Dead letters.** Records a consumer could not process go, byte for byte, to \`<topic>.dlq\` with the reason in
  headers (${deadLetterHeaders}). They are an operations tool, not part of the event stream.

## Changing a contract

Add the payload class and its \`defineEvent\` call in \`libs/contracts/src/<service>/\` (for a change to a published
event: the next version, plus an upcaster on the previous one), export it from \`libs/contracts/src/index.ts\`, then
run \`npm run contracts:docs\` and commit the regenerated files with the change.
\`npm run contracts:docs -- --check\` (and the unit tests) report files that are out of date. Both refuse a
breaking change to a published version: when a committed \`schemas/<type>.v<N>.json\` would accept other values
(anything but descriptions, titles, examples and \`x-\` annotations changed) or would disappear, they name each
place and exit 1 without writing, so CI fails until the change is a new version. \`--allow-breaking\` writes it
anyway, for a version that was never released.
`;
}

import { deadLetterTopicOf, type EventContract, type TopicSpec, personalFieldsOf } from '@crosswalk/contracts';
import { Document } from 'yaml';
import { DEAD_LETTER_HEADER_DOCS, EVENT_HEADER_DOCS } from './envelope-docs';
import type { JsonObject } from './json';
import { ENVELOPE_SCHEMA_FILE, ENVELOPE_VERSION, GENERATED_NOTICE, type ContractCatalog, contractId, payloadSchemaFile } from './model';

const KAFKA_BINDING_VERSION = '0.5.0';
const DEAD_LETTER_MESSAGE = 'dead-letter';

const INFO_DESCRIPTION = `Every Kafka topic of the Crosswalk network, and the events published on it.

**Envelope.** Every record value is a UTF-8 JSON envelope (\`schemas/${ENVELOPE_SCHEMA_FILE}\`): unique \`id\`,
\`type\` and schema \`version\`, \`source\` service, \`occurredAt\`, \`cityId\`, \`key\`, \`correlationId\` and
\`causationId\`, the \`actor\` who caused it, and the \`payload\`, whose schema is \`schemas/<type>.v<version>.json\`.

**Key.** The record key is the aggregate id (the envelope's \`key\`), so the events of one aggregate land on one
partition, in order (murmur2 partitioning, as the Java client does). Delivery is at least once: deduplicate on
the envelope \`id\`.

**Headers.** \`event-type\`, \`event-version\`, \`event-id\`, \`correlation-id\`, \`causation-id\` (when set),
\`event-source\` and \`content-type\` repeat envelope fields, so records can be routed without parsing the value.

**Versions.** A breaking payload change is a new \`version\` of the type plus an upcaster from the previous
version, never an edit of a published one; a breaking change of a whole topic is a new topic (\`.v2\`).
Each topic has a dead-letter topic, \`<topic>.dlq\`, for records its consumers could not process.

**Personal data.** A payload field that is personal data says so: \`x-personal-data: contact\` (how to reach a
person) or \`name\` in its schema, and each message lists its personal fields in \`x-personal-data\`. Contact data
travels only on restricted topics (\`x-restricted: true\`): only the services in \`x-readers\` may consume them
(and their dead-letter topics), and the deployment grants read ACLs to those services alone. Every other topic is
an analytics topic any consumer may read, and carries no contact data.`;

const ref = ($ref: string): JsonObject => ({ $ref });

function headersSchema(): JsonObject {
  const properties: JsonObject = {};
  for (const h of EVENT_HEADER_DOCS) properties[h.name] = { type: 'string', description: h.description };
  return {
    type: 'object',
    description: 'Record headers (UTF-8 text) repeating envelope fields.',
    properties,
    required: EVENT_HEADER_DOCS.filter((h) => h.required).map((h) => h.name),
  };
}

function deadLetterHeadersSchema(): JsonObject {
  const properties: JsonObject = {};
  for (const h of DEAD_LETTER_HEADER_DOCS) {
    properties[h.name] = h.enum ? { type: 'string', description: h.description, enum: [...h.enum] } : { type: 'string', description: h.description };
  }
  return {
    type: 'object',
    description: "The original record's headers, unchanged, plus these `dlq-*` headers.",
    properties,
  };
}

function eventMessage(contract: EventContract, topic: TopicSpec, latest: number): JsonObject {
  const message: JsonObject = {
    name: contract.type,
    title: `${contract.type} v${contract.version}`,
    summary: contract.description,
    contentType: 'application/json',
    correlationId: ref('#/components/correlationIds/correlationId'),
    headers: ref('#/components/schemas/EventHeaders'),
    payload: {
      allOf: [
        ref('#/components/schemas/EventEnvelope'),
        {
          type: 'object',
          properties: {
            type: { const: contract.type },
            version: { const: contract.version },
            payload: ref(`./schemas/${payloadSchemaFile(contract)}`),
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: `Aggregate id: ${topic.key}.` },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-topic': topic.name,
    'x-latest-version': latest,
  };
  const personal = personalFieldsOf(contract.payload);
  if (personal.size) message['x-personal-data'] = Object.fromEntries(personal);
  if (contract.upcast) {
    message.description = `Superseded by v${contract.version + 1}: an upcaster turns this payload into the v${contract.version + 1} shape.`;
    message['x-upcasts-to'] = contract.version + 1;
  }
  return message;
}

/** Who may read a topic: its readers only when restricted; absent (anyone) on an analytics topic. */
function accessExtensions(topic: TopicSpec): JsonObject {
  return topic.readers ? { 'x-restricted': true, 'x-readers': [...topic.readers] } : {};
}

function topicChannel(topic: TopicSpec, contracts: readonly EventContract[]): JsonObject {
  const messages: JsonObject = {};
  for (const c of contracts) messages[contractId(c)] = ref(`#/components/messages/${contractId(c)}`);
  const kafka: JsonObject = { topic: topic.name, partitions: topic.partitions };
  if (topic.compacted) kafka.topicConfiguration = { 'cleanup.policy': ['compact'] };
  return {
    address: topic.name,
    title: topic.name,
    description: topic.description,
    messages,
    bindings: { kafka: { ...kafka, bindingVersion: KAFKA_BINDING_VERSION } },
    'x-owner': topic.owner,
    'x-key': topic.key,
    'x-dead-letter-topic': deadLetterTopicOf(topic.name),
    ...accessExtensions(topic),
  };
}

function deadLetterChannel(topic: TopicSpec, partitions: number): JsonObject {
  const name = deadLetterTopicOf(topic.name);
  return {
    address: name,
    title: name,
    description: `Dead letters of ${topic.name}: records its consumers could not process, with the reason.`,
    messages: { [DEAD_LETTER_MESSAGE]: ref(`#/components/messages/${DEAD_LETTER_MESSAGE}`) },
    bindings: { kafka: { topic: name, partitions, bindingVersion: KAFKA_BINDING_VERSION } },
    'x-dead-letter-of': topic.name,
    'x-key': `The original record's key (${topic.key}).`,
    ...accessExtensions(topic),
  };
}

export function deadLetterSpecOf(catalog: ContractCatalog, topic: TopicSpec): TopicSpec {
  const name = deadLetterTopicOf(topic.name);
  const spec = catalog.allTopics.find((t) => t.name === name);
  if (!spec) throw new Error(`The topic list has no dead-letter topic ${name} for ${topic.name}`);
  return spec;
}

/** AsyncAPI 3.0.0 document of the catalog topics, their dead-letter topics and every registered contract. */
export function asyncApiDocument(catalog: ContractCatalog): JsonObject {
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};
  const latest = new Map<string, number>();
  for (const c of catalog.contracts) latest.set(c.type, Math.max(latest.get(c.type) ?? 0, c.version));

  for (const topic of catalog.topics) {
    const onTopic = catalog.contracts.filter((c) => c.topic === topic.name);
    for (const c of onTopic) messages[contractId(c)] = eventMessage(c, topic, latest.get(c.type) ?? c.version);
    channels[topic.name] = topicChannel(topic, onTopic);
    channels[deadLetterTopicOf(topic.name)] = deadLetterChannel(topic, deadLetterSpecOf(catalog, topic).partitions);
    operations[`${topic.name}.send`] = {
      action: 'send',
      channel: ref(`#/channels/${topic.name}`),
      title: `${topic.owner} publishes ${topic.name}`,
      summary: `Only the ${topic.owner} service publishes here, through its transactional outbox.`,
      messages: onTopic.map((c) => ref(`#/channels/${topic.name}/messages/${contractId(c)}`)),
      'x-owner': topic.owner,
    };
    for (const reader of topic.readers ?? []) {
      operations[`${topic.name}.receive.${reader}`] = {
        action: 'receive',
        channel: ref(`#/channels/${topic.name}`),
        title: `${reader} reads ${topic.name}`,
        summary: `Restricted topic: only ${topic.readers?.join(', ')} may read it (read ACLs granted by the deployment).`,
        messages: onTopic.map((c) => ref(`#/channels/${topic.name}/messages/${contractId(c)}`)),
        'x-reader': reader,
      };
    }
  }
  messages[DEAD_LETTER_MESSAGE] = {
    name: DEAD_LETTER_MESSAGE,
    title: 'Dead letter',
    summary: 'A record a consumer gave up on, key and value byte for byte as received, so it can be redriven.',
    headers: ref('#/components/schemas/DeadLetterHeaders'),
    payload: {
      description: 'The original record value, unchanged: normally an event envelope, but possibly not JSON at all (that can be why it is here).',
    },
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Crosswalk events',
      version: `${ENVELOPE_VERSION}.0.0`,
      description: INFO_DESCRIPTION,
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'kafka.crosswalk.example:9092',
        protocol: 'kafka',
        title: 'Crosswalk Kafka cluster',
        description: "Placeholder: use your environment's bootstrap servers. Topics are created from the catalog in libs/contracts (src/topics.ts).",
      },
    },
    channels,
    operations,
    components: {
      schemas: {
        EventEnvelope: ref(`./schemas/${ENVELOPE_SCHEMA_FILE}`),
        EventHeaders: headersSchema(),
        DeadLetterHeaders: deadLetterHeadersSchema(),
      },
      messages,
      correlationIds: {
        correlationId: {
          description: 'Shared by everything one request (or automatic process) caused.',
          location: '$message.payload#/correlationId',
        },
      },
    },
  };
}

export function formatYaml(value: JsonObject): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = ` ${GENERATED_NOTICE}`;
  return doc.toString({ lineWidth: 0 });
}

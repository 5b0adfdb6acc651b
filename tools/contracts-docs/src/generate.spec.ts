import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalData, TOPICS, allContracts, allTopicSpecs, deadLetterTopicOf, type EventContract } from '@crosswalk/contracts';
import { IsString } from 'class-validator';
import { parse } from 'yaml';
import { generateContractDocuments, registeredCatalog } from './generate';
import type { JsonObject } from './json';
import { ASYNCAPI_FILE, README_FILE, REGENERATE_COMMAND, SCHEMAS_DIR } from './model';
import { applyDocumentChanges, describeChanges, findRepoRoot, hasDrift, planDocumentChanges } from './sync';

const root = findRepoRoot(__dirname);

function json(files: Map<string, string>, path: string): JsonObject {
  const content = files.get(path);
  if (content === undefined) throw new Error(`${path} was not generated`);
  const value: unknown = JSON.parse(content);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path} is not an object`);
  return value as JsonObject;
}

function object(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as JsonObject;
}

describe('committed docs/contracts', () => {
  it('match what libs/contracts generates (no missing, outdated or stale files)', () => {
    const changes = planDocumentChanges(root, generateContractDocuments());
    if (hasDrift(changes)) {
      throw new Error(
        [
          'docs/contracts is out of date with libs/contracts:',
          ...describeChanges(changes, 'drift').map((line) => `  ${line}`),
          `Run \`${REGENERATE_COMMAND}\` and commit the result.`,
        ].join('\n'),
      );
    }
  });
});

describe('generateContractDocuments', () => {
  const files = generateContractDocuments();

  it('is deterministic: same files, same bytes, sorted paths, trailing newlines', () => {
    const again = generateContractDocuments();
    expect([...again.entries()]).toEqual([...files.entries()]);
    const paths = [...files.keys()];
    expect(paths).toEqual([...paths].sort());
    const badEndings = [...files].filter(([, c]) => !c.endsWith('\n') || c.endsWith('\n\n')).map(([p]) => p);
    expect(badEndings).toEqual([]);
    expect([...files.values()].join('')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('writes the envelope, one schema per contract, the AsyncAPI document and the README', () => {
    const expected = [
      `${SCHEMAS_DIR}/envelope.v1.json`,
      ...allContracts().map((c) => `${SCHEMAS_DIR}/${c.type}.v${c.version}.json`),
      ASYNCAPI_FILE,
      README_FILE,
    ].sort();
    expect([...files.keys()]).toEqual(expected);
  });

  it('describes schools.city.created v1 with its required fields, closed to unknown fields', () => {
    const schema = json(files, `${SCHEMAS_DIR}/schools.city.created.v1.json`);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: expect.stringMatching(/\/schools\.city\.created\.v1\.json$/),
      title: 'schools.city.created v1',
      description: 'A city joined the network. Key: city id.',
      type: 'object',
      additionalProperties: false,
    });
    expect(schema.required).toEqual(['cityId', 'name', 'state']);
    expect(schema.properties).toMatchObject({
      cityId: { type: 'string', minLength: 1 },
      name: { type: 'string', minLength: 1 },
      state: { type: 'string', minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$' },
    });
  });

  it('leaves the envelope payload open and says which envelope fields may be null', () => {
    const envelope = json(files, `${SCHEMAS_DIR}/envelope.v1.json`);
    const properties = object(envelope.properties, 'envelope properties');
    expect(envelope.additionalProperties).toBeUndefined();
    expect(properties.payload).toMatchObject({ type: 'object' });
    expect(object(properties.payload, 'payload').additionalProperties).toBeUndefined();
    expect(properties.version).toMatchObject({ type: 'integer', minimum: 1 });
    expect(properties.cityId).toMatchObject({ type: ['string', 'null'] });
    expect(properties.actor).toMatchObject({ $ref: '#/$defs/Actor' });
    expect(envelope.required).toEqual(expect.arrayContaining(['id', 'type', 'version', 'source', 'occurredAt', 'key', 'correlationId', 'actor', 'payload']));
    expect(envelope.$defs).toMatchObject({ Actor: { required: ['kind', 'id'] } });
  });

  it('lists every catalog topic and its dead-letter topic in AsyncAPI, with owner, partitions and a send operation', () => {
    const doc = object(parse(files.get(ASYNCAPI_FILE) ?? ''), 'asyncapi.yaml');
    expect(doc.asyncapi).toBe('3.0.0');
    expect(object(doc.info, 'info').title).toBe('Crosswalk events');
    const channels = object(doc.channels, 'channels');
    const operations = object(doc.operations, 'operations');
    const addresses = Object.values(channels).map((c) => object(c, 'channel').address);
    for (const topic of TOPICS) {
      expect(addresses).toContain(topic.name);
      expect(addresses).toContain(deadLetterTopicOf(topic.name));
      const channel = object(channels[topic.name], topic.name);
      expect(channel).toMatchObject({
        'x-owner': topic.owner,
        'x-key': topic.key,
        bindings: { kafka: { topic: topic.name, partitions: topic.partitions } },
      });
      const dlq = allTopicSpecs().find((t) => t.name === deadLetterTopicOf(topic.name));
      expect(channels[deadLetterTopicOf(topic.name)]).toMatchObject({ bindings: { kafka: { partitions: dlq?.partitions } } });
      expect(operations[`${topic.name}.send`]).toMatchObject({
        action: 'send',
        channel: { $ref: `#/channels/${topic.name}` },
        'x-owner': topic.owner,
      });
    }
  });

  it('puts each contract on its topic, its payload schema inside the envelope', () => {
    const doc = object(parse(files.get(ASYNCAPI_FILE) ?? ''), 'asyncapi.yaml');
    const messages = object(object(doc.components, 'components').messages, 'messages');
    for (const c of allContracts()) {
      const id = `${c.type}.v${c.version}`;
      expect(object(object(doc.channels, 'channels')[c.topic], c.topic).messages).toMatchObject({
        [id]: { $ref: `#/components/messages/${id}` },
      });
      expect(messages[id]).toMatchObject({
        name: c.type,
        payload: {
          allOf: [
            { $ref: '#/components/schemas/EventEnvelope' },
            { properties: { type: { const: c.type }, version: { const: c.version }, payload: { $ref: `./schemas/${id}.json` } } },
          ],
        },
      });
    }
  });

  it('tabulates topics and events in the README', () => {
    const readme = files.get(README_FILE) ?? '';
    for (const topic of TOPICS) expect(readme).toContain(`| \`${topic.name}\` | ${topic.partitions} | ${topic.key} | ${topic.owner} |`);
    for (const c of allContracts()) expect(readme).toContain(`| \`${c.type}\` | ${c.version} | \`${c.topic}\` |`);
    expect(readme).toMatch(/upcaster/i);
  });
});

describe('generateContractDocuments on a catalog with several versions', () => {
  class NoteV1 {
    @IsString() text!: string;
  }
  class NoteV2 {
    @IsString() body!: string;
  }
  const topic = TOPICS[0].name;
  const v1: EventContract<NoteV1> = {
    type: 'test.note.added',
    version: 1,
    topic,
    payload: NoteV1,
    description: 'v1',
    upcast: (p) => ({ body: p.text }),
  };
  const v2: EventContract<NoteV2> = { type: 'test.note.added', version: 2, topic, payload: NoteV2, description: 'v2' };
  const catalog = (contracts: EventContract[]) => ({ ...registeredCatalog(), contracts });

  it('documents each version, marking the upcaster', () => {
    const files = generateContractDocuments(catalog([v2, v1] as EventContract[]));
    expect(files.has(`${SCHEMAS_DIR}/test.note.added.v1.json`)).toBe(true);
    expect(files.has(`${SCHEMAS_DIR}/test.note.added.v2.json`)).toBe(true);
    const messages = object(object(object(parse(files.get(ASYNCAPI_FILE) ?? ''), 'doc').components, 'c').messages, 'm');
    expect(messages['test.note.added.v1']).toMatchObject({ 'x-upcasts-to': 2, 'x-latest-version': 2 });
    expect(object(messages['test.note.added.v2'], 'v2')['x-upcasts-to']).toBeUndefined();
    expect(files.get(README_FILE)).toContain(
      '| `test.note.added` | 1 | `schools.directory.v1` | v1 |  | [test.note.added.v1.json](schemas/test.note.added.v1.json) | to v2 |',
    );
  });

  it('refuses a broken chain or an unknown topic', () => {
    expect(() => generateContractDocuments(catalog([{ ...v1, upcast: undefined }, v2] as EventContract[]))).toThrow(/no upcaster to v2/);
    expect(() => generateContractDocuments(catalog([v1] as EventContract[]))).toThrow(/has an upcaster but v2 is not defined/);
    expect(() => generateContractDocuments(catalog([{ ...v2, topic: 'nope.v1' }] as EventContract[]))).toThrow(/topic nope\.v1 is not in the catalog/);
    expect(() => generateContractDocuments(catalog([{ ...v2, type: 'envelope' }] as EventContract[]))).toThrow(/dotted/);
  });
});

describe('personal data in the documents', () => {
  const files = generateContractDocuments();
  const doc = object(parse(files.get(ASYNCAPI_FILE) ?? ''), 'asyncapi.yaml');
  const channels = object(doc.channels, 'channels');
  const operations = object(doc.operations, 'operations');
  const messages = object(object(doc.components, 'components').messages, 'messages');
  const propertiesOf = (file: string) => object(json(files, `${SCHEMAS_DIR}/${file}`).properties, file);

  it('marks each personal field in its schema and lists them on the message', () => {
    expect(propertiesOf('schools.person.contact_changed.v1.json').email).toMatchObject({ format: 'email', 'x-personal-data': 'contact' });
    expect(propertiesOf('schools.person.contact_changed.v1.json').personId).not.toHaveProperty('x-personal-data');
    expect(propertiesOf('schools.person.created.v2.json').fullName).toMatchObject({ 'x-personal-data': 'name' });
    expect(propertiesOf('schools.person.created.v2.json')).not.toHaveProperty('email');
    expect(messages['schools.person.contact_changed.v1']).toMatchObject({ 'x-personal-data': { email: 'contact' } });
    expect(messages['schools.city.created.v1']).not.toHaveProperty('x-personal-data');
  });

  it('says who may read each restricted topic and its dead letters; analytics topics say nothing', () => {
    const restricted = TOPICS.filter((t) => t.readers);
    expect(restricted.map((t) => t.name)).toEqual(['schools.contacts.v1']);
    for (const topic of TOPICS) {
      for (const name of [topic.name, deadLetterTopicOf(topic.name)]) {
        const channel = object(channels[name], name);
        if (topic.readers) expect(channel).toMatchObject({ 'x-restricted': true, 'x-readers': [...topic.readers] });
        else expect(channel).not.toHaveProperty('x-restricted');
      }
    }
    expect(operations['schools.contacts.v1.receive.events']).toMatchObject({ action: 'receive', 'x-reader': 'events' });
    expect(Object.values(operations).filter((o) => object(o, 'operation').action === 'receive')).toHaveLength(1);
    expect(object(channels['schools.contacts.v1'], 'contacts').bindings).toMatchObject({ kafka: { topicConfiguration: { 'cleanup.policy': ['compact'] } } });
    expect(files.get(README_FILE)).toContain('| `schools.contacts.v1` | 3 | person id | schools | **restricted**: events only |');
  });

  it('refuses a newest version that puts contact data on an analytics topic; a superseded one is history', () => {
    class LeakyV1 {
      @IsString() personId!: string;
      @PersonalData('contact') @IsString() email!: string;
    }
    class LeakyV2 {
      @IsString() personId!: string;
    }
    const topic = 'schools.directory.v1';
    const v1: EventContract<LeakyV1> = { type: 'test.leaky.added', version: 1, topic, payload: LeakyV1, description: 'v1' };
    const catalog = (contracts: EventContract[]) => ({ ...registeredCatalog(), contracts });
    expect(() => generateContractDocuments(catalog([v1] as EventContract[]))).toThrow(/carries contact data \(email\) on schools\.directory\.v1/);
    const superseded = { ...v1, upcast: ({ personId }: LeakyV1) => ({ personId }) };
    const v2: EventContract<LeakyV2> = { type: 'test.leaky.added', version: 2, topic, payload: LeakyV2, description: 'v2' };
    expect(() => generateContractDocuments(catalog([superseded, v2] as EventContract[]))).not.toThrow();
    expect(() => generateContractDocuments(catalog([{ ...v1, topic: 'schools.contacts.v1' }] as EventContract[]))).not.toThrow();
  });
});

describe('planDocumentChanges / applyDocumentChanges', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contracts-docs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing files, updates changed ones and deletes schema files no longer generated', () => {
    const generated = new Map([
      [`${SCHEMAS_DIR}/a.v1.json`, '{}\n'],
      [`${SCHEMAS_DIR}/b.v1.json`, '{"b":1}\n'],
      [README_FILE, '# readme\n'],
    ]);
    mkdirSync(join(dir, SCHEMAS_DIR), { recursive: true });
    writeFileSync(join(dir, SCHEMAS_DIR, 'b.v1.json'), '{"b":0}\n');
    writeFileSync(join(dir, SCHEMAS_DIR, 'gone.v1.json'), '{}\n');
    writeFileSync(join(dir, README_FILE), '# readme\n');

    const changes = planDocumentChanges(dir, generated);
    expect(changes).toEqual({
      created: [`${SCHEMAS_DIR}/a.v1.json`],
      updated: [`${SCHEMAS_DIR}/b.v1.json`],
      deleted: [`${SCHEMAS_DIR}/gone.v1.json`],
      unchanged: [README_FILE],
    });
    expect(describeChanges(changes, 'drift')).toEqual([
      `missing  ${SCHEMAS_DIR}/a.v1.json`,
      `differs  ${SCHEMAS_DIR}/b.v1.json`,
      `stale    ${SCHEMAS_DIR}/gone.v1.json (no longer generated)`,
    ]);

    applyDocumentChanges(dir, generated, changes);
    expect(readFileSync(join(dir, SCHEMAS_DIR, 'a.v1.json'), 'utf8')).toBe('{}\n');
    expect(readFileSync(join(dir, SCHEMAS_DIR, 'b.v1.json'), 'utf8')).toBe('{"b":1}\n');
    expect(existsSync(join(dir, SCHEMAS_DIR, 'gone.v1.json'))).toBe(false);
    expect(hasDrift(planDocumentChanges(dir, generated))).toBe(false);
  });

  it('reports every file as missing in an empty tree', () => {
    const generated = generateContractDocuments();
    const changes = planDocumentChanges(dir, generated);
    expect(changes.created).toEqual([...generated.keys()]);
    expect(hasDrift(changes)).toBe(true);
  });
});

describe('findRepoRoot', () => {
  it('finds the folder holding nx.json from a source or a compiled file', () => {
    expect(existsSync(join(root, 'nx.json'))).toBe(true);
    expect(findRepoRoot(join(root, 'dist/tools/contracts-docs/src'))).toBe(root);
  });
});

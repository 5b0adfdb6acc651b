// class-transformer's @Type (used by the envelope) needs Reflect.getMetadata before libs/contracts loads.
import 'reflect-metadata';
import { TOPICS, allContracts, allTopicSpecs, type EventContract, isRestricted, personalFieldsOf } from '@crosswalk/contracts';
import { asyncApiDocument, formatYaml } from './asyncapi';
import { formatJson } from './json';
import { ASYNCAPI_FILE, ENVELOPE_SCHEMA_FILE, README_FILE, SCHEMAS_DIR, type ContractCatalog, contractId, payloadSchemaFile } from './model';
import { readmeDocument } from './readme';
import { envelopeSchema, payloadSchema } from './schemas';

/** `<service>.<aggregate>.<fact>`: dotted, and safe in a file name (never clashes with `envelope.v1.json`). */
const SAFE_TYPE = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/** The catalog as registered by importing `@crosswalk/contracts`. */
export function registeredCatalog(): ContractCatalog {
  return { topics: TOPICS, allTopics: allTopicSpecs(), contracts: allContracts() };
}

function byTypeThenVersion(a: EventContract, b: EventContract): number {
  return a.type.localeCompare(b.type) || a.version - b.version;
}

/** Refuses a catalog the documents could not describe truthfully. */
function checkCatalog(catalog: ContractCatalog): void {
  const topics = new Set(catalog.topics.map((t) => t.name));
  const ids = new Set(catalog.contracts.map(contractId));
  for (const c of catalog.contracts) {
    const id = `${c.type} v${c.version}`;
    if (!SAFE_TYPE.test(c.type)) throw new Error(`${id}: the type must be dotted (<service>.<aggregate>.<fact>) and safe in a file name`);
    if (!topics.has(c.topic)) throw new Error(`${id}: topic ${c.topic} is not in the catalog (libs/contracts/src/topics.ts)`);
    const next = contractId({ type: c.type, version: c.version + 1 });
    if (c.upcast && !ids.has(next)) throw new Error(`${id} has an upcaster but v${c.version + 1} is not defined`);
    if (!c.upcast && ids.has(next)) throw new Error(`${id} has no upcaster to v${c.version + 1}: consumers could not upcast it`);
    // Superseded versions are history already on the topic; what is published from now on is the newest.
    const topic = catalog.topics.find((t) => t.name === c.topic);
    const contact = [...personalFieldsOf(c.payload)].filter(([, kind]) => kind === 'contact').map(([field]) => field);
    if (!c.upcast && topic && !isRestricted(topic) && contact.length) {
      throw new Error(`${id} carries contact data (${contact.join(', ')}) on ${c.topic}, which any consumer reads: use a restricted topic`);
    }
  }
}

/**
 * Every document of docs/contracts, by path relative to the repository root, sorted by path. Pure and
 * deterministic: the same contracts give byte-identical files (no timestamps, fixed key order).
 */
export function generateContractDocuments(catalog: ContractCatalog = registeredCatalog()): Map<string, string> {
  const contracts = [...catalog.contracts].sort(byTypeThenVersion);
  const sorted: ContractCatalog = { ...catalog, contracts };
  checkCatalog(sorted);

  const files = new Map<string, string>();
  const envelope = envelopeSchema();
  files.set(`${SCHEMAS_DIR}/${ENVELOPE_SCHEMA_FILE}`, formatJson(envelope));
  for (const contract of contracts) {
    files.set(`${SCHEMAS_DIR}/${payloadSchemaFile(contract)}`, formatJson(payloadSchema(contract)));
  }
  files.set(ASYNCAPI_FILE, formatYaml(asyncApiDocument(sorted)));
  files.set(README_FILE, readmeDocument(sorted, envelope));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

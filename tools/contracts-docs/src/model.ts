import type { EventContract, TopicSpec } from '@crosswalk/contracts';

/** What the documents are generated from: the topic catalog and the registered contracts. */
export interface ContractCatalog {
  /** The catalog (`TOPICS`). */
  readonly topics: readonly TopicSpec[];
  /** Every topic a cluster has: the catalog and the dead-letter topics (`allTopicSpecs()`). */
  readonly allTopics: readonly TopicSpec[];
  readonly contracts: readonly EventContract[];
}

export const DOCS_DIR = 'docs/contracts';
export const SCHEMAS_DIR = `${DOCS_DIR}/schemas`;
export const ASYNCAPI_FILE = `${DOCS_DIR}/asyncapi.yaml`;
export const README_FILE = `${DOCS_DIR}/README.md`;

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_SCHEMA_FILE = `envelope.v${ENVELOPE_VERSION}.json`;

/** Base of the schemas' `$id`s: identifiers, not addresses to fetch (`.example` is reserved for examples). */
export const SCHEMA_ID_BASE = 'https://schemas.crosswalk.example/contracts/';

export const REGENERATE_COMMAND = 'npm run contracts:docs';
export const GENERATED_NOTICE = `Generated from libs/contracts by tools/contracts-docs; do not edit. Run \`${REGENERATE_COMMAND}\`.`;

export function payloadSchemaFile(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}.json`;
}

export function contractId(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}`;
}

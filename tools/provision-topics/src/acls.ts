// The contracts barrel also loads the event envelope, whose class-transformer decorators need the
// Reflect metadata API.
import 'reflect-metadata';
import { DEAD_LETTER_SUFFIX, allTopicSpecs, type TopicSpec } from '@crosswalk/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import type { ProvisionLogger } from './provision';

export type TopicOperation = 'READ' | 'WRITE' | 'DESCRIBE';

/** One principal's rights on one topic. */
export interface TopicAcl {
  readonly topic: string;
  readonly principal: string;
  readonly operations: readonly TopicOperation[];
}

/**
 * A service's Kafka principal: its SASL user is the service's name (the same as its KAFKA_CLIENT_ID), so the
 * catalog's owners and readers name principals directly.
 */
export function principalOf(service: string): string {
  return `User:${service}`;
}

/**
 * The ACLs that restrict the catalog's restricted topics (contact data, `readers` in the catalog): on the topic,
 * its owner writes and its readers read; on its dead-letter topic, which holds the same records, the readers'
 * consumers write what they cannot process and read it back to redrive it. Nobody else gets anything: a Kafka
 * topic with ACLs is closed to every other principal (super users aside), even on a cluster that leaves topics
 * without ACLs open (`allow.everyone.if.no.acl.found=true`, which is what keeps the analytics topics readable
 * by any consumer). Analytics topics get no ACLs here.
 */
export function topicAcls(topics: readonly TopicSpec[] = allTopicSpecs()): TopicAcl[] {
  const acls: TopicAcl[] = [];
  for (const topic of topics) {
    if (!topic.readers) continue;
    if (topic.name.endsWith(DEAD_LETTER_SUFFIX)) {
      for (const reader of topic.readers) acls.push({ topic: topic.name, principal: principalOf(reader), operations: ['READ', 'WRITE', 'DESCRIBE'] });
      continue;
    }
    acls.push({ topic: topic.name, principal: principalOf(topic.owner), operations: ['WRITE', 'DESCRIBE'] });
    for (const reader of topic.readers) acls.push({ topic: topic.name, principal: principalOf(reader), operations: ['READ', 'DESCRIBE'] });
  }
  return acls;
}

/** One ALLOW binding as kafkajs's `createAcls` takes it. */
export interface AclBinding {
  resourceType: AclResourceTypes;
  resourceName: string;
  resourcePatternType: ResourcePatternTypes;
  principal: string;
  host: string;
  operation: AclOperationTypes;
  permissionType: AclPermissionTypes;
}

/** The part of kafkajs's `Admin` that ACL provisioning uses (main.ts assigns kafkajs's Admin to it). */
export interface AclAdmin {
  createAcls(options: { acl: AclBinding[] }): Promise<boolean>;
}

const OPERATION: Record<TopicOperation, AclOperationTypes> = {
  READ: AclOperationTypes.READ,
  WRITE: AclOperationTypes.WRITE,
  DESCRIBE: AclOperationTypes.DESCRIBE,
};

/** Each ACL as the literal-topic, any-host ALLOW bindings the brokers store. */
export function aclBindings(acls: readonly TopicAcl[]): AclBinding[] {
  return acls.flatMap((acl) =>
    acl.operations.map((operation) => ({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: acl.topic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: acl.principal,
      host: '*',
      operation: OPERATION[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/**
 * Creates the restricted topics' ACLs. Creating a binding that exists changes nothing, so this is as idempotent
 * as topic provisioning; it never deletes a binding (one granted by hand stays: remove it by hand).
 */
export async function provisionAcls(
  admin: AclAdmin,
  acls: readonly TopicAcl[] = topicAcls(),
  options: { dryRun?: boolean; logger?: ProvisionLogger } = {},
): Promise<TopicAcl[]> {
  if (acls.length === 0) return [];
  if (!options.dryRun) await admin.createAcls({ acl: aclBindings(acls) });
  for (const acl of acls) {
    options.logger?.info(options.dryRun ? 'would allow' : 'allowed', { topic: acl.topic, principal: acl.principal, operations: [...acl.operations] });
  }
  return [...acls];
}

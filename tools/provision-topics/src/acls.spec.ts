import 'reflect-metadata';
import { allTopicSpecs, type TopicSpec } from '@crosswalk/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { type AclAdmin, type AclBinding, aclBindings, principalOf, provisionAcls, topicAcls } from './acls';

/** Records what was asked of it; a cluster without an authorizer would refuse (SECURITY_DISABLED). */
class FakeAclAdmin implements AclAdmin {
  readonly requests: AclBinding[][] = [];
  async createAcls(options: { acl: AclBinding[] }): Promise<boolean> {
    this.requests.push(options.acl);
    return true;
  }
}

describe('topicAcls', () => {
  it('restricts the catalog contacts topic: schools writes, events reads; its dead letters are the reader consumers own', () => {
    expect(topicAcls()).toEqual([
      { topic: 'schools.contacts.v1', principal: 'User:schools', operations: ['WRITE', 'DESCRIBE'] },
      { topic: 'schools.contacts.v1', principal: 'User:events', operations: ['READ', 'DESCRIBE'] },
      { topic: 'schools.contacts.v1.dlq', principal: 'User:events', operations: ['READ', 'WRITE', 'DESCRIBE'] },
    ]);
  });

  it('gives no analytics topic any ACL, so it stays open to every consumer', () => {
    const restricted = new Set(topicAcls().map((a) => a.topic));
    for (const t of allTopicSpecs()) expect({ topic: t.name, acl: restricted.has(t.name) }).toEqual({ topic: t.name, acl: t.readers !== undefined });
  });

  it('grants every reader of a restricted topic, and names principals after the services', () => {
    const topic: TopicSpec = { name: 'x.contacts.v1', partitions: 1, key: 'id', owner: 'fellowships', description: 'x', readers: ['events', 'metrics'] };
    expect(topicAcls([topic]).map((a) => `${a.principal} ${a.operations.join(',')}`)).toEqual([
      'User:fellowships WRITE,DESCRIBE',
      'User:events READ,DESCRIBE',
      'User:metrics READ,DESCRIBE',
    ]);
    expect(principalOf('events')).toBe('User:events');
  });
});

describe('provisionAcls', () => {
  it('creates one literal, any-host ALLOW binding per operation, in one request', async () => {
    const admin = new FakeAclAdmin();
    const done = await provisionAcls(admin);
    expect(done).toEqual(topicAcls());
    expect(admin.requests).toHaveLength(1);
    const [request] = admin.requests;
    expect(request).toHaveLength(7);
    expect(request).toContainEqual({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'schools.contacts.v1',
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: 'User:events',
      host: '*',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
    });
    expect(request.filter((b) => b.principal === 'User:events' && b.resourceName === 'schools.contacts.v1' && b.operation === AclOperationTypes.WRITE)).toEqual(
      [],
    );
    expect(aclBindings([])).toEqual([]);
  });

  it('asks nothing in a dry run or when no topic is restricted, and says what it would allow', async () => {
    const admin = new FakeAclAdmin();
    const said: string[] = [];
    const logger = { info: (msg: string, fields?: Record<string, unknown>) => said.push(`${msg} ${String(fields?.principal)}`), warn: () => undefined };
    expect(await provisionAcls(admin, topicAcls(), { dryRun: true, logger })).toHaveLength(3);
    expect(await provisionAcls(admin, [])).toEqual([]);
    expect(admin.requests).toEqual([]);
    expect(said).toEqual(['would allow User:schools', 'would allow User:events', 'would allow User:events']);
  });
});

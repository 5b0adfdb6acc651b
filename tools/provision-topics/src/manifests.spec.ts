import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTopicSpecs, TOPICS } from '@crosswalk/contracts';
import { arr, at, GENERATED_DIR, parseYaml, readRepoFile, rec, str } from '../spec-support/deploy-files';
import {
  CONFIG_MAP,
  imagesUsed,
  manifestDocuments,
  METRICS_PORT,
  NAMESPACE,
  PROMETHEUS_PEER,
  PROVISION_JOB,
  renderManifests,
  secretKeysUsed,
  SERVICES,
  TOPIC_ACLS_CONFIG_MAP,
  TOPICS_CONFIG_MAP,
} from './manifests';

const REGENERATE = 'run `node deploy/k8s/generate.js` and commit deploy/k8s/generated/';

describe('deploy/k8s/generated (drift)', () => {
  const rendered = renderManifests();

  it.each([...rendered.keys()])('%s matches what the generator produces', (name) => {
    const file = join(GENERATED_DIR, name);
    if (!existsSync(file)) throw new Error(`deploy/k8s/generated/${name} is missing: ${REGENERATE}`);
    const committed = readFileSync(file, 'utf8');
    if (committed !== rendered.get(name)) {
      throw new Error(`deploy/k8s/generated/${name} is stale: ${REGENERATE}`);
    }
  });

  it('holds no file the generator no longer writes', () => {
    const stale = readdirSync(GENERATED_DIR).filter((f) => !rendered.has(f));
    expect(stale).toEqual([]);
  });

  it('parses back to exactly the documents it was written from (the YAML writer loses nothing)', () => {
    for (const [name, file] of manifestDocuments()) {
      expect({ name, docs: parseYaml(rendered.get(name) ?? '') }).toEqual({ name, docs: file.documents });
    }
  });
});

describe('topics.yaml', () => {
  it('lists every catalog topic, dead-letter topics included, with its partition count', () => {
    const [configMap] = parseYaml(readRepoFile('deploy/k8s/generated/topics.yaml'));
    expect(at(configMap, 'metadata.name')).toBe(TOPICS_CONFIG_MAP);
    const data = rec(at(configMap, 'data'), 'topics data');
    const expected = Object.fromEntries(allTopicSpecs().map((t) => [t.name, String(t.partitions)]));
    expect(data).toEqual(expected);
    for (const t of TOPICS) expect(data[`${t.name}.dlq`]).toBe('1');
  });

  it('follows a catalog change (the catalog is the one source)', () => {
    const extra = { name: 'schools.extra.v1', partitions: 7, key: 'id', owner: 'schools' as const, description: 'x' };
    const [configMap] = parseYaml(renderManifests([...allTopicSpecs(), extra]).get('topics.yaml') ?? '');
    expect(rec(at(configMap, 'data'), 'data')['schools.extra.v1']).toBe('7');
  });
});

describe('topic-acls.yaml', () => {
  it('restricts the contacts topic to its owner writing and the events service reading, and names no analytics topic', () => {
    const [configMap] = parseYaml(readRepoFile('deploy/k8s/generated/topic-acls.yaml'));
    expect(at(configMap, 'metadata.name')).toBe(TOPIC_ACLS_CONFIG_MAP);
    expect(rec(at(configMap, 'data'), 'acls data')).toEqual({
      'schools.contacts.v1': 'User:schools WRITE,DESCRIBE; User:events READ,DESCRIBE',
      'schools.contacts.v1.dlq': 'User:events READ,WRITE,DESCRIBE',
    });
  });

  it('follows the catalog: a new restricted topic gets its ACLs, an analytics one none', () => {
    const restricted = {
      name: 'fellowships.contacts.v1',
      partitions: 3,
      key: 'id',
      owner: 'fellowships' as const,
      description: 'x',
      readers: ['events' as const, 'metrics' as const],
    };
    const open = { name: 'schools.extra.v1', partitions: 3, key: 'id', owner: 'schools' as const, description: 'x' };
    const [configMap] = parseYaml(renderManifests([...allTopicSpecs(), restricted, open]).get('topic-acls.yaml') ?? '');
    const data = rec(at(configMap, 'data'), 'data');
    expect(data['fellowships.contacts.v1']).toBe('User:fellowships WRITE,DESCRIBE; User:events READ,DESCRIBE; User:metrics READ,DESCRIBE');
    expect(data['schools.extra.v1']).toBeUndefined();
  });
});

describe('service table', () => {
  it('has one entry per service with a distinct port, and every topic owner is deployed', () => {
    const names = SERVICES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(SERVICES.map((s) => s.port)).size).toBe(SERVICES.length);
    expect([...names].sort()).toEqual(['colocations', 'events', 'fellowships', 'gateway', 'metrics', 'schools']);
    for (const t of TOPICS) expect(names).toContain(t.owner);
  });

  it('uses the agreed ports and port variables', () => {
    expect(Object.fromEntries(SERVICES.map((s) => [s.name, [s.portEnv, s.port]]))).toEqual({
      gateway: ['GATEWAY_PORT', 8080],
      schools: ['HTTP_PORT', 3001],
      events: ['HTTP_PORT', 3002],
      fellowships: ['HTTP_PORT', 3003],
      colocations: ['HTTP_PORT', 3004],
      metrics: ['HTTP_PORT', 3005],
    });
  });
});

interface Container {
  env: Map<string, unknown>;
  raw: Record<string, unknown>;
}

function deploymentOf(name: string): { deployment: Record<string, unknown>; container: Container } {
  const docs = parseYaml(readRepoFile(`deploy/k8s/generated/${name}.yaml`)).map((d, i) => rec(d, `${name}[${i}]`));
  const deployment = docs.find((d) => d.kind === 'Deployment');
  if (!deployment) throw new Error(`${name}.yaml has no Deployment`);
  const [first] = arr(at(deployment, 'spec.template.spec.containers'), 'containers');
  const raw = rec(first, 'container');
  const env = new Map<string, unknown>();
  for (const e of arr(raw.env, 'env')) {
    const entry = rec(e, 'env entry');
    env.set(str(entry.name, 'env name'), entry.value ?? entry.valueFrom);
  }
  return { deployment, container: { env, raw } };
}

describe('generated Deployments', () => {
  it.each(SERVICES.map((s) => [s.name, s] as const))('%s: probes, ports, env, resources, draining', (name, s) => {
    const docs = parseYaml(readRepoFile(`deploy/k8s/generated/${name}.yaml`)).map((d) => rec(d, name));
    const service = docs.find((d) => d.kind === 'Service');
    expect(at(service, 'metadata.name')).toBe(name);
    expect(at(service, 'metadata.namespace')).toBe(NAMESPACE);
    expect(arr(at(service, 'spec.ports'), 'ports')).toEqual([{ name: 'http', port: s.port, targetPort: 'http', protocol: 'TCP' }]);

    const { deployment, container } = deploymentOf(name);
    expect(at(deployment, 'spec.replicas')).toBe(s.replicas);
    expect(at(deployment, 'spec.template.spec.terminationGracePeriodSeconds')).toBeGreaterThanOrEqual(30);
    expect(at(container.raw, 'readinessProbe.httpGet.path')).toBe('/health/ready');
    expect(at(container.raw, 'livenessProbe.httpGet.path')).toBe('/health/live');
    expect(at(container.raw, 'lifecycle.preStop.exec.command')).toBeDefined();
    expect(rec(at(container.raw, 'resources.requests'), 'requests')).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(rec(at(container.raw, 'resources.limits'), 'limits')).toEqual(expect.objectContaining({ memory: expect.any(String) }));
    expect(at(container.raw, 'image')).toBe(`crosswalk/${name}`);
    expect(arr(container.raw.envFrom, 'envFrom')).toEqual([{ configMapRef: { name: CONFIG_MAP } }]);

    // Kubernetes rejects non-string env values; every literal value must be a string.
    for (const [key, value] of container.env) {
      if (typeof value !== 'object') expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
    }
    expect(container.env.get(s.portEnv)).toBe(String(s.port));
    expect(container.env.get('JWT_SECRET')).toEqual({ secretKeyRef: { name: 'crosswalk-secrets', key: 'JWT_SECRET' } });
    if (s.database) {
      expect(container.env.get('DATABASE_URL')).toEqual({
        secretKeyRef: { name: 'crosswalk-secrets', key: `${name.toUpperCase()}_DATABASE_URL` },
      });
      expect(container.env.get('KAFKA_CLIENT_ID')).toBe(name);
    }
    const pdb = docs.find((d) => d.kind === 'PodDisruptionBudget');
    expect(pdb !== undefined).toBe(s.replicas > 1);
  });

  it.each(SERVICES.map((s) => [s.name, s] as const))('%s: metrics on their own port, reachable only as the NetworkPolicy allows', (name, s) => {
    const docs = parseYaml(readRepoFile(`deploy/k8s/generated/${name}.yaml`)).map((d) => rec(d, name));
    const { deployment, container } = deploymentOf(name);
    expect(container.env.get('METRICS_PORT')).toBe(String(METRICS_PORT));
    expect(arr(container.raw.ports, 'ports')).toContainEqual({ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' });
    expect(at(deployment, 'spec.template.metadata.annotations')).toMatchObject({
      'prometheus.io/port': String(METRICS_PORT),
      'prometheus.io/path': '/metrics',
    });
    // The Service (what the gateway and the cluster reach) does not expose the metrics port.
    const service = docs.find((d) => d.kind === 'Service');
    expect(arr(at(service, 'spec.ports'), 'ports').map((p) => at(p, 'name'))).toEqual(['http']);

    const policy = docs.find((d) => d.kind === 'NetworkPolicy');
    expect(at(policy, 'spec.podSelector.matchLabels')).toEqual({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'crosswalk' });
    expect(at(policy, 'spec.policyTypes')).toEqual(['Ingress']);
    const rules = arr(at(policy, 'spec.ingress'), 'ingress');
    const httpRule =
      name === 'gateway'
        ? { ports: [{ port: 'http', protocol: 'TCP' }] }
        : {
            from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': 'crosswalk' } } }],
            ports: [{ port: 'http', protocol: 'TCP' }],
          };
    expect(rules).toEqual([httpRule, { from: [PROMETHEUS_PEER], ports: [{ port: 'metrics', protocol: 'TCP' }] }]);
    expect(s.port).not.toBe(METRICS_PORT);
  });

  it('runs the stateless services with 2 replicas', () => {
    for (const s of SERVICES.filter((x) => x.name !== 'metrics')) expect({ [s.name]: s.replicas }).toEqual({ [s.name]: 2 });
  });

  it('points the gateway at every service by its Service name and port', () => {
    const { container } = deploymentOf('gateway');
    expect(container.env.get('GATEWAY_PORT')).toBe('8080');
    expect(container.env.has('DATABASE_URL')).toBe(false);
    for (const s of SERVICES.filter((x) => x.name !== 'gateway')) {
      expect(container.env.get(`${s.name.toUpperCase()}_URL`)).toBe(`http://${s.name}:${s.port}`);
    }
  });

  it('runs the provisioning Job with the entrypoint of the provision-topics image stage', () => {
    const [job] = parseYaml(readRepoFile(`deploy/k8s/generated/${PROVISION_JOB}-job.yaml`));
    const [container] = arr(at(job, 'spec.template.spec.containers'), 'containers');
    const command = arr(at(container, 'command'), 'command');
    const dockerfile = readRepoFile('deploy/docker/Dockerfile');
    const stage = dockerfile.slice(dockerfile.indexOf('AS provision-topics'));
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(stage)?.[1];
    expect(command).toEqual(JSON.parse(entrypoint ?? 'null'));
    expect(command).toContain('dist/tools/provision-topics/src/main.js');
    expect(existsSync(join(__dirname, 'main.ts'))).toBe(true);
    expect(at(job, 'spec.template.spec.restartPolicy')).toBe('Never');
  });
});

describe('kustomization.yaml and the Secret template', () => {
  const [kustomization] = parseYaml(readRepoFile('deploy/k8s/kustomization.yaml'));

  it('lists the hand-written resources and every generated file, and nothing that does not exist', () => {
    const resources = arr(at(kustomization, 'resources'), 'resources').map((r) => str(r, 'resource'));
    expect([...resources].sort()).toEqual(['namespace.yaml', 'configmap.yaml', ...[...renderManifests().keys()].map((f) => `generated/${f}`)].sort());
    for (const r of resources) expect(existsSync(join(GENERATED_DIR, '..', r))).toBe(true);
    expect(resources).not.toContain('secret.template.yaml');
  });

  it('maps every image the manifests use', () => {
    const images = arr(at(kustomization, 'images'), 'images').map((i) => str(at(i, 'name'), 'image name'));
    expect([...images].sort()).toEqual([...imagesUsed()].sort());
  });

  it('the Secret template defines exactly the keys the Deployments read, with placeholders that cannot start a service', () => {
    const [secret] = parseYaml(readRepoFile('deploy/k8s/secret.template.yaml'));
    expect(at(secret, 'kind')).toBe('Secret');
    expect(at(secret, 'metadata.name')).toBe('crosswalk-secrets');
    const data = rec(at(secret, 'stringData'), 'stringData');
    expect(Object.keys(data).sort()).toEqual([...secretKeysUsed()].sort());
    for (const [key, value] of Object.entries(data)) expect({ key, value }).toEqual({ key, value: expect.stringContaining('REPLACE_ME') });
    expect(str(data.JWT_SECRET, 'JWT_SECRET').length).toBeLessThan(32);
    for (const s of SERVICES.filter((x) => x.database)) {
      expect(data[`${s.name.toUpperCase()}_DATABASE_URL`]).toMatch(new RegExp(`^mysql://crosswalk_${s.name}:.+/crosswalk_${s.name}$`));
    }
  });

  it('the shared ConfigMap carries the shared variables as strings', () => {
    const [configMap] = parseYaml(readRepoFile('deploy/k8s/configmap.yaml'));
    expect(at(configMap, 'metadata.name')).toBe(CONFIG_MAP);
    const data = rec(at(configMap, 'data'), 'data');
    expect(Object.keys(data).sort()).toEqual(
      [
        'HTTP_HOST',
        'JWT_AUDIENCE',
        'JWT_ISSUER',
        'KAFKA_BROKERS',
        'LOG_LEVEL',
        'RATE_LIMIT_PER_MINUTE',
        'PUBLIC_RATE_LIMIT_PER_MINUTE',
        'TOPIC_REPLICATION_FACTOR',
        'TOPIC_ACLS',
        ...['EVENTS_SMTP_HOST', 'EVENTS_SMTP_PORT', 'EVENTS_SMTP_SECURITY', 'EVENTS_MAIL_FROM', 'EVENTS_LINK_BASE_URL'],
        ...['OIDC_JWKS_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_ROLE_CLAIM', 'OIDC_CITIES_CLAIM', 'OIDC_ROLE_MAP'],
      ].sort(),
    );
    for (const [key, value] of Object.entries(data)) expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
    expect(data.HTTP_HOST).toBe('0.0.0.0');
    expect(data.TOPIC_REPLICATION_FACTOR).toBe('3');
    expect(data.TOPIC_ACLS).toBe('apply');
  });
});

import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { arr, at, DEPLOY_DIR, isRecord, listFiles, parseYaml, readRepoFile, rec, REPO_ROOT, str } from '../spec-support/deploy-files';
import { SERVICES } from './manifests';

/**
 * There is no Docker engine, kubectl or kustomize on the dev machines, so the deploy files are checked
 * here: every YAML file parses, Kubernetes objects have their identity fields, and compose, the MySQL
 * init script, the health check and the Dockerfile agree with the service table in manifests.ts.
 */

const yamlFiles = listFiles(DEPLOY_DIR, /\.ya?ml$/);

describe('every YAML file under deploy/', () => {
  it('exists (the walk found the files)', () => {
    expect(yamlFiles).toEqual(expect.arrayContaining(['deploy/compose/compose.yaml', 'deploy/k8s/kustomization.yaml']));
  });

  it.each(yamlFiles)('%s parses and has no empty document', (file) => {
    const docs = parseYaml(readRepoFile(file));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(isRecord(doc)).toBe(true);
  });

  it.each(yamlFiles.filter((f) => f.startsWith('deploy/k8s/') && !f.endsWith('kustomization.yaml')))(
    '%s: every Kubernetes object has apiVersion, kind, name and the crosswalk namespace',
    (file) => {
      for (const doc of parseYaml(readRepoFile(file))) {
        expect(str(at(doc, 'apiVersion'), 'apiVersion')).toMatch(/^([a-z0-9.]+\/)?v\d/);
        expect(str(at(doc, 'kind'), 'kind')).toMatch(/^[A-Z]/);
        const name = str(at(doc, 'metadata.name'), 'metadata.name');
        expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        if (at(doc, 'kind') === 'Namespace') expect(name).toBe('crosswalk');
        else expect(at(doc, 'metadata.namespace')).toBe('crosswalk');
      }
    },
  );
});

describe('deploy/compose/compose.yaml', () => {
  const [compose] = parseYaml(readRepoFile('deploy/compose/compose.yaml'));
  const services = rec(at(compose, 'services'), 'services');
  const env = (name: string): Record<string, unknown> => rec(at(services[name], 'environment'), `${name}.environment`);
  const dependsOn = (name: string): Record<string, unknown> => rec(at(services[name], 'depends_on'), `${name}.depends_on`);
  const sql = readRepoFile('deploy/compose/mysql-init/01-databases.sql');

  it('runs Kafka, MySQL, the provisioning job, every service and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['kafka', 'mysql', 'provision-topics', ...SERVICES.map((s) => s.name)].sort());
  });

  it('runs Kafka as a single KRaft node (broker + controller) with consistent listeners and no topic auto-creation', () => {
    const kafka = env('kafka');
    expect(String(at(services.kafka, 'image'))).toMatch(/^apache\/kafka:/);
    expect(str(kafka.KAFKA_PROCESS_ROLES, 'roles').split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.CLUSTER_ID).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{22}$/));
    const names = (v: unknown): string[] =>
      str(v, 'listeners')
        .split(',')
        .map((l) => l.split(':')[0] ?? '');
    const listeners = names(kafka.KAFKA_LISTENERS);
    const advertised = names(kafka.KAFKA_ADVERTISED_LISTENERS);
    const protocolMap = names(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP);
    for (const l of advertised) expect(listeners).toContain(l);
    for (const l of listeners) expect(protocolMap).toContain(l);
    expect(listeners).toContain(kafka.KAFKA_CONTROLLER_LISTENER_NAMES);
    expect(advertised).not.toContain(kafka.KAFKA_CONTROLLER_LISTENER_NAMES);
    expect(listeners).toContain(kafka.KAFKA_INTER_BROKER_LISTENER_NAME);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${String(kafka.KAFKA_NODE_ID)}@kafka:9093`);
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toContain('://kafka:9092');
    expect(at(services.kafka, 'healthcheck')).toBeDefined();
  });

  it('provisions topics once Kafka is healthy, with replication 1, from the provision-topics image stage', () => {
    expect(at(services['provision-topics'], 'build.target')).toBe('provision-topics');
    expect(env('provision-topics')).toEqual(expect.objectContaining({ KAFKA_BROKERS: 'kafka:9092', TOPIC_REPLICATION_FACTOR: '1' }));
    expect(dependsOn('provision-topics')).toEqual({ kafka: { condition: 'service_healthy' } });
  });

  it.each(SERVICES.filter((s) => s.name !== 'gateway').map((s) => [s.name, s] as const))(
    '%s: port, env, health check, and waits for MySQL, Kafka and the topics',
    (name, s) => {
      const e = env(name);
      expect(e[s.portEnv]).toBe(String(s.port));
      expect(e.KAFKA_BROKERS).toBe('kafka:9092');
      expect(e.KAFKA_CLIENT_ID).toBe(name);
      expect(e.HTTP_HOST).toBe('0.0.0.0');
      expect(str(e.JWT_SECRET, 'JWT_SECRET')).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(dependsOn(name)).toEqual({
        mysql: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
        'provision-topics': { condition: 'service_completed_successfully' },
      });
      expect(at(services[name], 'build.args.SERVICE')).toBe(name);
      expect(at(services[name], 'build.dockerfile')).toBe('deploy/docker/Dockerfile');
      expect(at(services[name], 'build.context')).toBe('../..');
      expect(arr(at(services[name], 'healthcheck.test'), 'healthcheck')).toContain('deploy/docker/healthcheck.js');
      expect(services[name]).not.toHaveProperty('ports');

      // One database and one user per service, created by the init script with the same password.
      const url = new URL(str(e.DATABASE_URL, 'DATABASE_URL'));
      expect(url.protocol).toBe('mysql:');
      expect(url.hostname).toBe('mysql');
      expect(url.pathname).toBe(`/crosswalk_${name}`);
      expect(url.username).toBe(`crosswalk_${name}`);
      expect(sql).toContain(`CREATE DATABASE IF NOT EXISTS crosswalk_${name} `);
      expect(sql).toContain(`CREATE USER IF NOT EXISTS 'crosswalk_${name}'@'%' IDENTIFIED BY '${decodeURIComponent(url.password)}';`);
      expect(sql).toContain(`GRANT ALL PRIVILEGES ON crosswalk_${name}.* TO 'crosswalk_${name}'@'%';`);
    },
  );

  it('the init script creates nothing but the service databases and users', () => {
    const databases = [...sql.matchAll(/CREATE DATABASE IF NOT EXISTS (\w+)/g)].map((m) => m[1]).sort();
    expect(databases).toEqual(
      SERVICES.filter((s) => s.database)
        .map((s) => `crosswalk_${s.name}`)
        .sort(),
    );
    expect(sql).not.toMatch(/GRANT ALL PRIVILEGES ON \*\.\*/);
  });

  it('gateway: published on 8080, routes to every service by name, starts once they are healthy', () => {
    const e = env('gateway');
    expect(e.GATEWAY_PORT).toBe('8080');
    expect(e).not.toHaveProperty('DATABASE_URL');
    for (const s of SERVICES.filter((x) => x.name !== 'gateway')) {
      expect(e[`${s.name.toUpperCase()}_URL`]).toBe(`http://${s.name}:${s.port}`);
      expect(dependsOn('gateway')[s.name]).toEqual({ condition: 'service_healthy' });
    }
    expect(arr(at(services.gateway, 'ports'), 'ports')).toEqual(['127.0.0.1:8080:8080']);
  });

  it('.env.example names the required secrets and is the only env file in the repository', () => {
    const example = readRepoFile('deploy/compose/.env.example');
    expect(example).toMatch(/^JWT_SECRET=/m);
    expect(example).toMatch(/^MYSQL_ROOT_PASSWORD=/m);
    expect(readRepoFile('deploy/compose/.gitignore').split('\n')).toContain('.env');
  });
});

describe('deploy/docker', () => {
  const dockerfile = readRepoFile('deploy/docker/Dockerfile');

  it('health check script knows every service port', () => {
    const healthcheck = createRequire(__filename)(join(REPO_ROOT, 'deploy/docker/healthcheck.js')) as {
      DEFAULT_PORTS: Record<string, number>;
      portOf(env: Record<string, string | undefined>): number;
    };
    expect(healthcheck.DEFAULT_PORTS).toEqual(Object.fromEntries(SERVICES.map((s) => [s.name, s.port])));
    expect(healthcheck.portOf({ SERVICE: 'gateway', GATEWAY_PORT: '9000' })).toBe(9000);
    expect(healthcheck.portOf({ SERVICE: 'schools', HTTP_PORT: '4001' })).toBe(4001);
    expect(healthcheck.portOf({ SERVICE: 'metrics' })).toBe(3005);
    expect(() => healthcheck.portOf({})).toThrow(/SERVICE/);
  });

  it('builds with npm ci and npm run build, prunes dev dependencies, runs non-root under an init', () => {
    expect(dockerfile).toMatch(/^FROM node:20|^ARG NODE_IMAGE=node:20/m);
    expect(dockerfile).toMatch(/^RUN .*npm ci/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^RUN npm prune --omit=dev/m);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(dockerfile).toContain('dist/services/$SERVICE/src/main.js');
    expect(dockerfile).toMatch(/HEALTHCHECK[^\n]*\\\n\s+CMD \["node", "deploy\/docker\/healthcheck.js", "\/health\/live"\]/);
    expect(dockerfile).toMatch(/^FROM runtime AS provision-topics$/m);
    // The default target (last stage) is a service.
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages[stages.length - 1]).toBe('service');
  });

  it('copies only files that exist into the runtime image', () => {
    for (const [, source] of dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) /gm)) {
      if (source === 'node_modules' || source === 'dist') continue;
      expect({ source, exists: existsSync(join(REPO_ROOT, source ?? '')) }).toEqual({ source, exists: true });
    }
    expect(existsSync(join(REPO_ROOT, 'package-lock.json'))).toBe(true);
  });

  it('the build-context filter keeps what the build needs', () => {
    const ignore = readRepoFile('deploy/docker/Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const needed of ['libs', 'services', 'tools', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.build.json', 'nx.json']) {
      expect(ignore).not.toContain(needed);
    }
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.git', '!deploy/docker/healthcheck.js']));
  });
});

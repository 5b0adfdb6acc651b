// Shared by the leadership and compacts integration tests: the service in-process on MariaDB and the dev
// Kafka cluster, tokens for every role, directory rows written straight into the service's tables, and a
// reader for the topics the service publishes to.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import type { EventEnvelope } from '@crosswalk/contracts';
import { nameKeyOf, newId } from '@crosswalk/persistence';
import { DevKafkaCluster, type RunningApp, TEST_JWT_SECRET, type TestDatabase, createTestDatabase, pollUntil, startServiceApp } from '@crosswalk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { City } from '../src/cities/city.entity';
import { Organization } from '../src/organizations/organization.entity';
import { Person } from '../src/people/person.entity';
import { School } from '../src/schools/school.entity';
import { SCHOOLS_SERVICE } from '../src/schools.definition';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
export const token = (role: Role, cities?: string[]): string => signToken({ subject: `${role}-1`, role, cities }, AUTH);

export interface Harness {
  cluster: DevKafkaCluster;
  database: TestDatabase;
  service: RunningApp;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** On MariaDB by default; `sqlite` runs the embedded database of `npm start` (in a temporary folder) instead. */
export async function startSchools(label: string, options: { sqlite?: boolean } = {}): Promise<Harness> {
  const cluster = await DevKafkaCluster.start({ brokers: 1 });
  const database = options.sqlite ? await temporaryFolder() : await createTestDatabase(label);
  const service = await startServiceApp(SCHOOLS_SERVICE, {
    DATABASE_URL: options.sqlite ? undefined : database.url,
    DATA_DIR: options.sqlite ? database.url : undefined,
    KAFKA_BROKERS: cluster.bootstrapServers.join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  });
  return {
    cluster,
    database,
    service,
    dataSource: service.app.get(DataSource),
    close: async () => {
      await service.close();
      await database.drop();
      await cluster.stop();
    },
  };
}

async function temporaryFolder(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'schools-test-'));
  return { name: dir, url: dir, drop: () => rm(dir, { recursive: true, force: true }) };
}

export interface Call {
  status: number;
  body: Record<string, unknown>;
}

/** A request body sent as a CSV file (`text/csv`) rather than JSON, as `POST /v1/imports` takes it. */
export class Csv {
  constructor(readonly text: string) {}
}

export async function call(harness: Harness, method: string, path: string, bearer: string | null, body?: unknown): Promise<Call> {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  if (body !== undefined) headers['content-type'] = body instanceof Csv ? 'text/csv' : 'application/json';
  const sent = body === undefined ? undefined : body instanceof Csv ? body.text : JSON.stringify(body);
  const response = await fetch(`${harness.service.url}${path}`, { method, headers, body: sent });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The directory rows the tests need, written directly (the directory's own routes are another capability). */
export class Directory {
  constructor(private readonly dataSource: DataSource) {}

  async city(name: string): Promise<string> {
    const id = newId();
    await this.dataSource.manager.insert(City, { id, name, state: 'CO', createdAt: new Date() });
    return id;
  }

  async organization(cityId: string, name = `Org ${randomUUID().slice(0, 8)}`): Promise<string> {
    const id = newId();
    const now = new Date();
    await this.dataSource.manager.insert(Organization, { id, cityId, name, kind: 'district', ncesLeaId: null, createdAt: now, updatedAt: now });
    return id;
  }

  async school(cityId: string, options: { closedOn?: string } = {}): Promise<string> {
    const id = newId();
    const now = new Date();
    const name = `School ${id.slice(-6)}`;
    await this.dataSource.manager.insert(School, {
      id,
      cityId,
      name,
      nameKey: nameKeyOf(name),
      sector: 'district',
      organizationId: null,
      ncesId: null,
      status: options.closedOn ? 'closed' : 'open',
      closedOn: options.closedOn ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  async person(fullName: string): Promise<string> {
    const id = newId();
    const now = new Date();
    const email = `${id}@example.org`;
    await this.dataSource.manager.insert(Person, { id, fullName, email, emailKey: email, createdAt: now, updatedAt: now });
    return id;
  }
}

/** Every envelope on `topic` (from the beginning) that `select` accepts, once `count` of them have arrived. */
export async function readEvents(
  brokers: string[],
  topic: string,
  select: (envelope: EventEnvelope<Record<string, unknown>>) => boolean,
  count: number,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const kafka = new Kafka({ clientId: 'schools-test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `schools-test-${randomUUID()}`, maxWaitTimeInMs: 250 });
  const seen: EventEnvelope<Record<string, unknown>>[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString('utf8') ?? 'null') as EventEnvelope<Record<string, unknown>>;
        if (select(envelope)) seen.push(envelope);
      },
    });
    await pollUntil(
      () => seen.length,
      (n) => n >= count,
      { timeoutMs: 30_000, description: `${count} events on ${topic}` },
    );
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

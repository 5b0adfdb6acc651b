// A schools database from before contact data had its own topic, on MariaDB and on the embedded SQLite of
// `npm start`: when the service next starts, every existing person's address is written to the outbox as a
// `schools.person.contact_changed`, so the restricted contacts topic holds everyone's address (a consumer that
// rebuilds from it, as the events service does on replay, loses nobody); the down withdraws what is still unsent.
import 'reflect-metadata';
import { CONTACTS_TOPIC, type EventEnvelope, PersonContactChanged, validatePayload } from '@crosswalk/contracts';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, OutboxRecord } from '@crosswalk/messaging';
import { type DatabaseKind, openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabaseOf, insertRows, undoMigrationsThrough } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { SCHOOLS_MIGRATIONS } from '../migrations';
import { PersonContactsPublished1796500000000 } from '../migrations/1796500000000-person-contacts-published';
import { SCHOOLS_ENTITIES } from '../src/entities';

jest.setTimeout(60_000);

const person = (id: string, fullName: string, email: string, createdAt: string) => ({
  id,
  fullName,
  email,
  emailKey: email.toLowerCase(),
  createdAt,
  updatedAt: createdAt,
});

describe.each<DatabaseKind>(['sqlite', 'mysql'])('an earlier schools database on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabaseOf>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind, 'schools_contacts_backfill');
    const earlier = await openServiceDatabase({
      service: 'schools',
      ...database.location,
      entities: MESSAGING_ENTITIES,
      migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS.filter((m) => m !== PersonContactsPublished1796500000000)],
    });
    await insertRows(earlier, 'person', [
      person('ana', 'Ana Ruiz', 'Ana.Ruiz@lincoln.example', '2024-01-01 09:00:00.000'),
      person('ben', 'Ben Ode', 'ben@strive.example', '2024-02-01 09:00:00.000'),
    ]);
    await earlier.destroy();

    dataSource = await openServiceDatabase({
      service: 'schools',
      ...database.location,
      entities: [...MESSAGING_ENTITIES, ...SCHOOLS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...SCHOOLS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it("records every existing person's contact, as the contract says, for the relay to publish", async () => {
    const rows = await dataSource.getRepository(OutboxRecord).find({ order: { seq: 'ASC' } });
    expect(rows.map((r) => [r.topic, r.key, r.type, r.version, r.status])).toEqual([
      [CONTACTS_TOPIC, 'ana', 'schools.person.contact_changed', 1, 'pending'],
      [CONTACTS_TOPIC, 'ben', 'schools.person.contact_changed', 1, 'pending'],
    ]);
    const envelopes = rows.map((r) => JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>);
    expect(envelopes.map((e) => [e.id, e.key, e.cityId, e.source, e.actor])).toEqual(
      rows.map((r) => [r.id, r.key, null, 'schools', { kind: 'service', id: 'schools' }]),
    );
    for (const envelope of envelopes) await validatePayload(PersonContactChanged, envelope.payload);
    expect(envelopes.map((e) => e.payload)).toEqual([
      { personId: 'ana', email: 'Ana.Ruiz@lincoln.example' },
      { personId: 'ben', email: 'ben@strive.example' },
    ]);
  });

  it('and its down withdraws what the relay has not sent yet, keeping what it sent', async () => {
    await dataSource.getRepository(OutboxRecord).update({ key: 'ana' }, { status: 'sent', sentAt: new Date() });
    await undoMigrationsThrough(dataSource, new PersonContactsPublished1796500000000().name);
    const left = await dataSource.getRepository(OutboxRecord).find();
    expect(left.map((r) => [r.key, r.status])).toEqual([['ana', 'sent']]);
  });
});

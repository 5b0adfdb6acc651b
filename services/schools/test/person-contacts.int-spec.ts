// Personal data on MariaDB and the dev Kafka cluster: a person created, updated or imported through the schools
// service is told to the directory (an analytics topic) without an address, and their address goes to the
// restricted contacts topic, both written by the change's own transaction; after a scenario touching every kind of
// record the service publishes, no record on any analytics topic carries an email address.
import { CONTACTS_TOPIC, type EventEnvelope, TOPICS, deadLetterTopicOf, isRestricted } from '@crosswalk/contracts';
import { OutboxRecord } from '@crosswalk/messaging';
import { pollUntil, propertiesNamed, readWholeTopics } from '@crosswalk/testing';
import { Csv, type Harness, call, readEvents, startSchools, token } from './leadership-fixtures';

jest.setTimeout(120_000);

const DIRECTORY = 'schools.directory.v1';

interface Written {
  type: string;
  version: number;
  topic: string;
  payload: Record<string, unknown>;
  correlationId: string;
  createdAt: number;
  seq: bigint;
}

describe('personal data: the directory without addresses, the restricted contacts topic with them', () => {
  let h: Harness;
  const admin = token('network_admin');
  /** Every address this test gives anyone, to look for on the analytics topics afterwards. */
  const addresses: string[] = [];
  const stamp = Date.now();
  const address = (name: string) => {
    const made = `${name}.${stamp}@example.org`;
    addresses.push(made);
    return made;
  };

  /** What the outbox holds for one person, in the order it was written. */
  const outboxOf = async (personId: string): Promise<Written[]> => {
    const rows = await h.dataSource.getRepository(OutboxRecord).find({ where: { key: personId }, order: { seq: 'ASC' } });
    return rows.map((row) => {
      const envelope = JSON.parse(row.envelope) as EventEnvelope<Record<string, unknown>>;
      return {
        type: row.type,
        version: row.version,
        topic: row.topic,
        payload: envelope.payload,
        correlationId: envelope.correlationId,
        createdAt: new Date(row.createdAt).getTime(),
        seq: BigInt(row.seq),
      };
    });
  };
  const summary = (written: Written[]) => written.map((w) => [w.type, w.version, w.topic, w.payload]);
  const ok = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const answer = await call(h, method, path, admin, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    h = await startSchools('person_contacts');
  });
  afterAll(async () => {
    await h?.close();
  });

  let lee: string;

  it('creates a person with a directory record without the address and a contact record with it, in one transaction', async () => {
    const email = address('lee.park');
    lee = (await ok('POST', '/v1/people', { fullName: 'Lee Park', email })).id as string;
    const written = await outboxOf(lee);
    expect(summary(written)).toEqual([
      ['schools.person.created', 2, DIRECTORY, { personId: lee, fullName: 'Lee Park' }],
      ['schools.person.contact_changed', 1, CONTACTS_TOPIC, { personId: lee, email }],
    ]);
    // One write of the outbox, which a unit of work makes once, at the end of its transaction: same request,
    // same instant, adjacent rows.
    expect(written[1].correlationId).toBe(written[0].correlationId);
    expect(written[1].createdAt).toBe(written[0].createdAt);
    expect(written[1].seq).toBe(written[0].seq + 1n);

    const [directory] = await readEvents(h.cluster.bootstrapServers, DIRECTORY, (e) => e.key === lee, 1);
    expect(directory.payload).toEqual({ personId: lee, fullName: 'Lee Park' });
    const [contact] = await readEvents(h.cluster.bootstrapServers, CONTACTS_TOPIC, (e) => e.key === lee, 1);
    expect(contact).toMatchObject({ type: 'schools.person.contact_changed', version: 1, cityId: null, key: lee, payload: { personId: lee, email } });
  });

  it('tells each topic only of the change that concerns it, and nothing of a change that changes nothing', async () => {
    const before = (await outboxOf(lee)).length;
    const moved = address('lee.park.new');
    await ok('PATCH', `/v1/people/${lee}`, { email: moved });
    await ok('PATCH', `/v1/people/${lee}`, { fullName: 'Lee Park-Kim' });
    await ok('PATCH', `/v1/people/${lee}`, { fullName: 'Lee Park-Kim', email: moved });
    const both = address('lee.kim');
    await ok('PATCH', `/v1/people/${lee}`, { fullName: 'Lee Kim', email: both });
    // The address as given is what mail goes to: a change of case alone is a new contact.
    const recased = both.replace('lee.kim', 'Lee.Kim');
    await ok('PATCH', `/v1/people/${lee}`, { email: recased });

    const written = (await outboxOf(lee)).slice(before);
    expect(summary(written)).toEqual([
      ['schools.person.contact_changed', 1, CONTACTS_TOPIC, { personId: lee, email: moved }],
      ['schools.person.updated', 2, DIRECTORY, { personId: lee, fullName: 'Lee Park-Kim' }],
      ['schools.person.updated', 2, DIRECTORY, { personId: lee, fullName: 'Lee Kim' }],
      ['schools.person.contact_changed', 1, CONTACTS_TOPIC, { personId: lee, email: both }],
      ['schools.person.contact_changed', 1, CONTACTS_TOPIC, { personId: lee, email: recased }],
    ]);
    expect(written[3].createdAt).toBe(written[2].createdAt);
    expect(written[3].correlationId).toBe(written[2].correlationId);

    const contacts = await readEvents(h.cluster.bootstrapServers, CONTACTS_TOPIC, (e) => e.key === lee, 4);
    expect(contacts.map((e) => e.payload.email)).toEqual([addresses[0], moved, both, recased]);
  });

  it('does the same for the people a spreadsheet import creates', async () => {
    const [ada, bo] = [address('ada.cole'), address('bo.diaz')];
    const imported = await ok('POST', '/v1/imports?kind=people', new Csv(`fullName,email\nAda Cole,${ada}\nBo Diaz,${bo}\n`));
    expect(imported).toMatchObject({ created: 2 });
    for (const [email, fullName] of [
      [ada, 'Ada Cole'],
      [bo, 'Bo Diaz'],
    ]) {
      const { items } = (await ok('GET', `/v1/people?email=${email}`)) as { items: { id: string }[] };
      const personId = items[0].id;
      expect(summary(await outboxOf(personId))).toEqual([
        ['schools.person.created', 2, DIRECTORY, { personId, fullName }],
        ['schools.person.contact_changed', 1, CONTACTS_TOPIC, { personId, email }],
      ]);
    }
  });

  it('leaves no email address on any analytics topic, while the contacts topic has every one', async () => {
    // The rest of what the service publishes: a city, an organization, a school with a principal, a compact.
    const cityId = (await ok('POST', '/v1/cities', { name: 'Denver', state: 'CO' })).id as string;
    const organizationId = (await ok('POST', '/v1/organizations', { name: 'Denver Public Schools', kind: 'district', cityId })).id as string;
    const schoolId = (await ok('POST', '/v1/schools', { name: 'Lincoln Elementary', sector: 'district', cityId, organizationId })).id as string;
    await ok('PATCH', `/v1/organizations/${organizationId}`, { name: 'DPS' });
    await ok('POST', `/v1/schools/${schoolId}/leadership-transitions`, { role: 'principal', incomingPersonId: lee, effectiveDate: '2025-07-01' });
    await ok('POST', `/v1/organizations/${organizationId}/leadership-transitions`, { role: 'chief', incomingPersonId: lee, effectiveDate: '2024-01-01' });
    await ok('POST', '/v1/compacts', {
      cityId,
      title: 'Denver compact',
      signedOn: '2025-09-01',
      signatories: [{ organizationId, personId: lee }],
    });

    await pollUntil(
      () => h.dataSource.getRepository(OutboxRecord).countBy({ status: 'pending' }),
      (pending) => pending === 0,
      { timeoutMs: 30_000, description: 'the relay published every outbox row' },
    );
    const analytics = TOPICS.filter((t) => !isRestricted(t)).flatMap((t) => [t.name, deadLetterTopicOf(t.name)]);
    const records = await readWholeTopics(h.cluster.bootstrapServers, analytics);
    // Something of each kind the scenario touched, so an empty read cannot pass.
    const types = new Set(records.map((r) => (r.value as { type?: string }).type));
    for (const type of [
      'schools.person.created',
      'schools.person.updated',
      'schools.school.created',
      'schools.leadership.transitioned',
      'schools.compact.signed',
    ]) {
      expect(types).toContain(type);
    }
    expect(records.flatMap((r) => propertiesNamed(r.value, 'email').map((path) => `${r.topic}@${r.offset}: ${path}`))).toEqual([]);
    const text = records.map((r) => JSON.stringify(r.value).toLowerCase()).join('\n');
    expect(addresses.filter((a) => text.includes(a.toLowerCase()))).toEqual([]);

    const contacts = await readWholeTopics(h.cluster.bootstrapServers, [CONTACTS_TOPIC]);
    const told = new Set(contacts.map((r) => String((r.value as { payload: { email: string } }).payload.email)));
    expect(addresses.filter((a) => !told.has(a))).toEqual([]);
  });
});

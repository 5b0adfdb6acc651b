import 'reflect-metadata';
import { IsString } from 'class-validator';
import { PersonalData, personalFieldsOf } from './personal-data';
import { type EventContract, PayloadValidationError, allContracts, findContract, latestVersionOf, upcastToLatest, validatePayload } from './registry';
import { CONTACTS_TOPIC, PersonContactChanged, PersonContactV1 } from './schools/contacts';
import { PersonCreated, PersonCreatedV1Contract, PersonCreatedV2, PersonUpdated, PersonUpdatedV1Contract, PersonUpdatedV2 } from './schools/directory';
import { TOPICS, allTopicSpecs, analyticsTopics, deadLetterTopicOf, isRestricted, topicSpec, topicsNotReadableBy } from './topics';

async function rejection<P extends object>(contract: EventContract<P>, payload: unknown): Promise<PayloadValidationError> {
  try {
    await validatePayload(contract, payload);
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(payload)} to be rejected`);
}

describe('personal fields', () => {
  it('are read from the payload class, inherited marks included', () => {
    class Base {
      @PersonalData('name') @IsString() fullName!: string;
      @IsString() id!: string;
    }
    class Child extends Base {
      @PersonalData('contact') @IsString() email!: string;
    }
    expect(Object.fromEntries(personalFieldsOf(Base))).toEqual({ fullName: 'name' });
    expect(Object.fromEntries(personalFieldsOf(Child))).toEqual({ fullName: 'name', email: 'contact' });
    expect(personalFieldsOf(class Plain {}).size).toBe(0);
  });

  it('mark the person events: the contact alone carries the address', () => {
    expect(Object.fromEntries(personalFieldsOf(PersonContactV1))).toEqual({ email: 'contact' });
    expect(Object.fromEntries(personalFieldsOf(PersonCreatedV2))).toEqual({ fullName: 'name' });
    expect(Object.fromEntries(personalFieldsOf(PersonUpdatedV2))).toEqual({ fullName: 'name' });
  });
});

describe('contact data and the topics', () => {
  const newest = () => allContracts().filter((c) => c.version === latestVersionOf(c.type));

  it('travels on no analytics topic: every newest contract with contact data is on a restricted topic', () => {
    const carriers = newest().filter((c) => [...personalFieldsOf(c.payload).values()].includes('contact'));
    expect(carriers.map((c) => `${c.type}@v${c.version}`)).toEqual(['schools.person.contact_changed@v1']);
    for (const c of carriers) expect(isRestricted(topicSpec(c.topic))).toBe(true);
  });

  it('has one restricted topic, owned by schools, readable by events only, compacted; its dead letters are restricted alike', () => {
    expect(TOPICS.filter(isRestricted).map((t) => [t.name, t.owner, t.readers, t.compacted])).toEqual([[CONTACTS_TOPIC, 'schools', ['events'], true]]);
    expect(topicSpec(deadLetterTopicOf(CONTACTS_TOPIC))).toMatchObject({ readers: ['events'], partitions: 1 });
    expect(topicSpec(deadLetterTopicOf(CONTACTS_TOPIC)).compacted).toBeUndefined();
    expect(
      allTopicSpecs()
        .filter((t) => t.compacted)
        .map((t) => t.name),
    ).toEqual([CONTACTS_TOPIC]);
    expect(topicSpec('schools.directory.v1').readers).toBeUndefined();
  });
});

describe('who may read a topic', () => {
  it('is anyone for an analytics topic, and only the readers for a restricted one and its dead letters', () => {
    const topics = ['schools.directory.v1', 'events.programs.v1', CONTACTS_TOPIC, deadLetterTopicOf(CONTACTS_TOPIC), 'not.in.catalog.v1'];
    expect(topicsNotReadableBy('events', topics)).toEqual([]);
    expect(topicsNotReadableBy('metrics', topics)).toEqual([CONTACTS_TOPIC, deadLetterTopicOf(CONTACTS_TOPIC)]);
    expect(topicsNotReadableBy('colocations', ['schools.directory.v1', 'schools.leadership.v1'])).toEqual([]);
  });

  it('lists the analytics topics: the catalog without the restricted ones', () => {
    expect(analyticsTopics().map((t) => t.name)).toEqual(TOPICS.filter((t) => t.name !== CONTACTS_TOPIC).map((t) => t.name));
    expect(analyticsTopics().some(isRestricted)).toBe(false);
  });
});

describe('the person events', () => {
  const v1 = { personId: 'per_1', fullName: 'Ana Ruiz', email: 'ana@example.org' };

  it('are version 2 without the address; version 1 stays registered for the records already on the topic', () => {
    expect([PersonCreated.version, PersonUpdated.version]).toEqual([2, 2]);
    expect(findContract('schools.person.created', 1)).toBe(PersonCreatedV1Contract);
    expect(findContract('schools.person.updated', 1)).toBe(PersonUpdatedV1Contract);
    expect(PersonCreated.topic).toBe('schools.directory.v1');
  });

  it('upcast v1 to v2 by dropping the address, which v2 accepts', async () => {
    for (const latest of [PersonCreated, PersonUpdated] as const) {
      const upcast = upcastToLatest(latest.type, 1, v1);
      expect(upcast).toEqual({ version: 2, payload: { personId: 'per_1', fullName: 'Ana Ruiz' } });
      await expect(validatePayload(latest, upcast.payload)).resolves.toEqual({ personId: 'per_1', fullName: 'Ana Ruiz' });
    }
  });

  it('refuse an address in version 2: a producer cannot put one back on the analytics topic', async () => {
    const error = await rejection(PersonCreated, v1);
    expect(error.details).toEqual([expect.stringMatching(/^email: property email should not exist/)]);
  });

  it('still validate version 1 as it was published', async () => {
    await expect(validatePayload(PersonCreatedV1Contract, v1)).resolves.toEqual(v1);
  });
});

describe('schools.person.contact_changed', () => {
  it('is the whole contact of one person on the restricted topic', async () => {
    expect(PersonContactChanged.topic).toBe(CONTACTS_TOPIC);
    await expect(validatePayload(PersonContactChanged, { personId: 'per_1', email: 'ana@example.org' })).resolves.toBeInstanceOf(PersonContactV1);
  });

  it('refuses a missing or malformed address, and anything else', async () => {
    expect((await rejection(PersonContactChanged, { personId: 'per_1' })).details).toEqual([expect.stringMatching(/^email:/)]);
    expect((await rejection(PersonContactChanged, { personId: 'per_1', email: 'not-an-address' })).details).toEqual([expect.stringMatching(/^email:/)]);
    expect((await rejection(PersonContactChanged, { personId: 'per_1', email: 'a@example.org', fullName: 'Ana' })).details).toEqual([
      expect.stringMatching(/^fullName: property fullName should not exist/),
    ]);
  });
});

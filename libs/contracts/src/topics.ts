/**
 * The topic catalog: the one list of topics the dev Kafka cluster creates, production provisioning
 * creates, and the deploy manifests are generated from. Adding a topic means adding it here.
 */
export type ServiceName = 'schools' | 'events' | 'fellowships' | 'colocations' | 'metrics' | 'gateway';

export interface TopicSpec {
  /** `<owner>.<aggregate family>.v<major>`: a breaking change is a new topic version, never an edit. */
  readonly name: string;
  readonly partitions: number;
  /** What the record key is: always the aggregate id, so one aggregate's events stay ordered. */
  readonly key: string;
  /** The only service that publishes to it. */
  readonly owner: ServiceName;
  readonly description: string;
  /**
   * Set on a topic that carries contact data (see personal-data.ts): only these services may read it, and
   * deploy/ grants read ACLs to them alone (and write to the owner). Absent on an analytics topic, which any
   * consumer may read and which therefore never carries contact data (a unit test and the docs generator check it).
   */
  readonly readers?: readonly ServiceName[];
  /**
   * Every record is the whole current state of its key, so Kafka may keep only the latest record per key
   * (`cleanup.policy=compact`, set when provisioning creates the topic): replay still rebuilds the truth, and an
   * old value (a previous address) does not stay on the topic for ever.
   */
  readonly compacted?: boolean;
}

export const DEAD_LETTER_SUFFIX = '.dlq';

export const TOPICS: readonly TopicSpec[] = [
  {
    name: 'schools.directory.v1',
    partitions: 3,
    key: 'id of the city, organization, school or person',
    owner: 'schools',
    description: 'Cities, organizations, schools and people created, updated or closed.',
  },
  {
    name: 'schools.contacts.v1',
    partitions: 3,
    key: 'person id',
    owner: 'schools',
    description:
      "People's contact data (email address), restricted: only the events service (which mails people) may read it. " +
      'Each record is the whole current contact of one person.',
    readers: ['events'],
    compacted: true,
  },
  {
    name: 'schools.leadership.v1',
    partitions: 3,
    key: 'id of the school or organization whose role changed hands',
    owner: 'schools',
    description: 'Role tenures started and ended; leadership transitions.',
  },
  {
    name: 'schools.compacts.v1',
    partitions: 3,
    key: 'compact id',
    owner: 'schools',
    description: 'Compacts signed and signatories added.',
  },
  {
    name: 'events.programs.v1',
    partitions: 3,
    key: 'event or series id',
    owner: 'events',
    description: 'Events and series scheduled, rescheduled, cancelled; registrations, attendance, surveys.',
  },
  {
    name: 'fellowships.programs.v1',
    partitions: 3,
    key: 'program id',
    owner: 'fellowships',
    description: 'Programs, cohorts, fellows, completion, placement.',
  },
  {
    name: 'colocations.partnerships.v1',
    partitions: 3,
    key: 'partnership id',
    owner: 'colocations',
    description: 'Sites and partnerships, status changes with their cause, recommitments.',
  },
];

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** A topic only its `readers` may consume: it carries contact data. */
export function isRestricted(topic: Pick<TopicSpec, 'readers'>): boolean {
  return topic.readers !== undefined;
}

/** The catalog's analytics topics: any consumer may read them, and they carry no contact data. */
export function analyticsTopics(): TopicSpec[] {
  return TOPICS.filter((t) => !isRestricted(t));
}

/**
 * The topics of `topics` that `service` may not read: restricted ones (their dead-letter topics included) that do not
 * list it as a reader. Consumers refuse to start on any (libs/messaging), so a service cannot read contact data by
 * subscribing to a topic, whatever the cluster's ACLs; unknown topics are left to the catalog's own checks.
 */
export function topicsNotReadableBy(service: string, topics: readonly string[]): string[] {
  const specs = new Map(allTopicSpecs().map((t) => [t.name, t]));
  return topics.filter((name) => {
    const readers: readonly string[] | undefined = specs.get(name)?.readers;
    return readers !== undefined && !readers.includes(service);
  });
}

/**
 * Every topic a cluster needs: the catalog and one dead-letter topic per catalog topic. A dead-letter topic holds
 * its topic's records byte for byte, so it is restricted to the same readers; it is never compacted (each dead
 * letter is a separate incident, not a newer state of its key).
 */
export function allTopicSpecs(): TopicSpec[] {
  return TOPICS.flatMap((t) => {
    const { compacted: _compacted, ...base } = t;
    const deadLetter: TopicSpec = {
      ...base,
      name: deadLetterTopicOf(t.name),
      partitions: 1,
      description: `Dead letters of ${t.name}: the original record plus the error, attempts and consumer.`,
    };
    return [t, deadLetter];
  });
}

export function topicSpec(name: string): TopicSpec {
  const spec = allTopicSpecs().find((t) => t.name === name);
  if (!spec) throw new Error(`Topic ${name} is not in the catalog (libs/contracts/src/topics.ts)`);
  return spec;
}

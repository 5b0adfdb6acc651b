// Test plumbing for the colocations service: the events the schools service would publish, produced straight
// to the topics, and a reader of what this service publishes on colocations.partnerships.v1.
import { randomUUID } from 'node:crypto';
import {
  type EventContract,
  type EventEnvelope,
  LeadershipTransitioned,
  PersonCreated,
  PartnershipFormed,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  addDays,
  calendarDateToday,
  makeEnvelope,
} from '@crosswalk/contracts';
import { type Consumer, Kafka, Partitioners, type Producer, logLevel } from 'kafkajs';

export function schoolsEvent<P extends object>(contract: EventContract<P>, key: string, cityId: string | null, payload: P): EventEnvelope<P> {
  return makeEnvelope(
    { type: contract.type, version: contract.version, key, cityId, payload },
    { source: 'schools', correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  );
}

export const schoolCreated = (schoolId: string, cityId: string, name: string, sector: SchoolSector) =>
  schoolsEvent(SchoolCreated, schoolId, cityId, { schoolId, cityId, name, sector, organizationId: null, ncesId: null });

export const personCreated = (personId: string, fullName: string) =>
  schoolsEvent(PersonCreated, personId, null, { personId, fullName, email: `${personId}@example.org` });

export const schoolClosed = (schoolId: string, cityId: string, effectiveDate: string) =>
  schoolsEvent(SchoolClosed, schoolId, cityId, { schoolId, cityId, effectiveDate, endedTenureIds: [] });

export function principalTransition(
  schoolId: string,
  cityId: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
  supersedesTransitionId: string | null = null,
): EventEnvelope<object> {
  const transitionId = randomUUID();
  return schoolsEvent(LeadershipTransitioned, schoolId, cityId, {
    transitionId,
    holderKind: 'school',
    holderId: schoolId,
    cityId,
    role: 'principal',
    outgoingPersonId: from,
    incomingPersonId: to,
    effectiveDate,
    reason: null,
    endedTenureId: null,
    startedTenureId: null,
    supersedesTransitionId,
  });
}

export interface Wire {
  publish(...envelopes: EventEnvelope<object>[]): Promise<void>;
  /** Every envelope this service has published so far on its topic. */
  readonly published: EventEnvelope<Record<string, unknown>>[];
  close(): Promise<void>;
}

const TOPIC_OF: Record<string, string> = Object.fromEntries(
  [SchoolCreated, PersonCreated, SchoolClosed, LeadershipTransitioned].map((c) => [c.type, c.topic]),
);

export async function connectWire(brokers: string[]): Promise<Wire> {
  const kafka = new Kafka({ clientId: 'colocations-test', brokers, logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer: Consumer = kafka.consumer({ groupId: `colocations-test-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const published: EventEnvelope<Record<string, unknown>>[] = [];
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: PartnershipFormed.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value) published.push(JSON.parse(message.value.toString('utf8')) as EventEnvelope<Record<string, unknown>>);
    },
  });
  return {
    published,
    // One at a time and keyed like the schools relay, so each school's events keep their order.
    publish: async (...envelopes) => {
      for (const envelope of envelopes) {
        const topic = TOPIC_OF[envelope.type];
        await producer.send({ topic, acks: -1, messages: [{ key: envelope.key, value: JSON.stringify(envelope) }] });
      }
    },
    close: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** A business date `days` from today (UTC), so grace periods are measured from the service's real clock. */
export function daysFromToday(days: number): string {
  return addDays(calendarDateToday(), days);
}

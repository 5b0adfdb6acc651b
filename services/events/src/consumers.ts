import { CONTACTS_TOPIC, PROGRAMS_TOPIC } from '@crosswalk/contracts';
import { DIRECTORY_COPY_ENTITIES, DIRECTORY_COPY_TOPICS } from '@crosswalk/directory-copy';
import type { ConsumerDefinition } from '@crosswalk/messaging';
import { PersonContact } from './notifications/person-contact.entity';

/**
 * The directory and leadership topics, and the restricted contacts topic (this service is its one reader: it
 * mails people). The projection is the local copy and the addresses only: events and registrations are this
 * service's own records (registrations froze their snapshots when they were made), so a replay never clears them.
 */
export const EVENTS_CONSUMER: ConsumerDefinition = {
  consumer: 'events',
  topics: [...DIRECTORY_COPY_TOPICS, CONTACTS_TOPIC],
  projection: [...DIRECTORY_COPY_ENTITIES, PersonContact],
};

/**
 * This service's own topic, read back to tell people what happened to their registrations (its own group,
 * offsets and inbox, so a slow mail server never holds up the directory copy). No projection: notifications
 * are the record of what people were told and are never cleared; a replay writes none twice (one per event
 * record and registration) and so sends none twice.
 */
export const EVENTS_NOTIFIER_CONSUMER: ConsumerDefinition = {
  consumer: 'events-notifier',
  topics: [PROGRAMS_TOPIC],
  projection: [],
};

import { IsEmail, IsNotEmpty, IsString } from 'class-validator';
import { PersonalData } from '../personal-data';
import { defineEvent } from '../registry';

/** Restricted (catalog `readers`): contact data travels here only, never on an analytics topic. */
export const CONTACTS_TOPIC = 'schools.contacts.v1';

/**
 * The whole current contact of one person, not a delta: the latest record of a key is the truth, so a consumer
 * that reads the topic from the start (or a compacted topic's survivors) ends with every person's current
 * address, and a later field is added to this one payload rather than to a separate event.
 */
export class PersonContactV1 {
  @IsString() @IsNotEmpty() personId!: string;
  @PersonalData('contact') @IsEmail() email!: string;
}

export const PersonContactChanged = defineEvent({
  type: 'schools.person.contact_changed',
  version: 1,
  topic: CONTACTS_TOPIC,
  payload: PersonContactV1,
  description:
    "A person's contact data as it is now: recorded when the person is added and whenever their address changes, in " +
    'the same transaction as the change. People belong to no city: cityId is null. Key: person id.',
});

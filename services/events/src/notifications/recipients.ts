import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { KnownPerson } from '@crosswalk/directory-copy';
import { PersonContact } from './person-contact.entity';

/** Who a notification greets and where it goes. */
export interface Recipient {
  name: string | null;
  /** Null when the contacts topic gave no address for the person. */
  address: string | null;
}

/**
 * The one place a person's email address is kept and read. It comes from the restricted contacts topic
 * (`PersonContactsHandler`), never from the directory's person events, which carry none.
 */
@Injectable()
export class Recipients {
  async of(manager: EntityManager, personId: string): Promise<Recipient> {
    const [person, contact] = await Promise.all([manager.findOneBy(KnownPerson, { id: personId }), manager.findOneBy(PersonContact, { personId })]);
    return { name: person?.fullName ?? null, address: contact?.email ?? null };
  }

  /** The person's current address (an upsert: a redelivered event changes nothing). */
  async remember(manager: EntityManager, personId: string, email: string | null): Promise<void> {
    await manager.save(PersonContact, { personId, email });
  }
}

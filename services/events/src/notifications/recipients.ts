import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { KnownPerson } from '@crosswalk/directory-copy';
import { PersonContact } from './person-contact.entity';

/** Who a notification greets and where it goes. */
export interface Recipient {
  name: string | null;
  /** Null when the directory gave no address for the person. */
  address: string | null;
}

/**
 * The one place a person's email address is kept and read. Today it comes with the directory's people events;
 * when contact data moves to a restricted topic, only this (and what feeds `remember`) changes.
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

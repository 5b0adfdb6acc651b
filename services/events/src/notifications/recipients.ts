import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { KnownPerson } from '../directory/known-person.entity';

/** Who a notification greets and where it goes. */
export interface Recipient {
  name: string | null;
  /** Null when the directory gave no address for the person. */
  address: string | null;
}

/**
 * The one place a person's email address is read. Today it comes with the directory's people events; when
 * contact data moves to a restricted topic, only this (and the copy it reads) changes.
 */
@Injectable()
export class Recipients {
  async of(manager: EntityManager, personId: string): Promise<Recipient> {
    const person = await manager.findOneBy(KnownPerson, { id: personId });
    return { name: person?.fullName ?? null, address: person?.email ?? null };
  }
}

import { forUpdate } from '@crosswalk/persistence';
import type { EntityManager } from 'typeorm';
import { NetworkEvent } from './network-event.entity';

/**
 * Reads the event locked until the transaction ends. Every change of an event or of its seats takes this lock
 * first, so two of them never interleave: the seats counted under it are the seats there are.
 */
export function lockedEvent(manager: EntityManager, id: string): Promise<NetworkEvent | null> {
  return forUpdate(manager, manager.createQueryBuilder(NetworkEvent, 'event').where('event.id = :id', { id })).getOne();
}

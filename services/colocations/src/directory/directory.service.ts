import { Injectable } from '@nestjs/common';
import type { LeadershipTransitionedV1 } from '@crosswalk/contracts';
import { type EntityManager, In, IsNull } from 'typeorm';
import { KnownPerson } from './known-person.entity';
import { KnownSchool } from './known-school.entity';
import { PrincipalTransition } from './principal-transition.entity';

export interface Champion {
  personId: string;
  fullName: string | null;
}

/**
 * The local copy of the directory (schools, people, principals), built from events only: its reads, and the
 * writes of the events other capabilities handle because they also act on them (closures, principal changes).
 */
@Injectable()
export class DirectoryService {
  async recordClosure(manager: EntityManager, schoolId: string, closedOn: string): Promise<void> {
    await manager.update(KnownSchool, { id: schoolId }, { closedOn });
  }

  /** A principal transition at a school; a correction marks the transition it supersedes. */
  async recordPrincipalTransition(manager: EntityManager, t: LeadershipTransitionedV1, recordedAt: Date): Promise<void> {
    await manager.save(PrincipalTransition, {
      id: t.transitionId,
      schoolId: t.holderId,
      outgoingPersonId: t.outgoingPersonId ?? null,
      incomingPersonId: t.incomingPersonId ?? null,
      effectiveDate: t.effectiveDate,
      supersedesTransitionId: t.supersedesTransitionId ?? null,
      supersededBy: null,
      recordedAt,
    });
    if (t.supersedesTransitionId) {
      await manager.update(PrincipalTransition, { id: t.supersedesTransitionId }, { supersededBy: t.transitionId });
    }
  }

  principalTransition(manager: EntityManager, id: string): Promise<PrincipalTransition | null> {
    return manager.findOneBy(PrincipalTransition, { id });
  }

  schools(manager: EntityManager, ids: readonly string[]): Promise<KnownSchool[]> {
    return ids.length ? manager.findBy(KnownSchool, { id: In([...ids]) }) : Promise.resolve([]);
  }

  /** The incoming person of the school's latest principal transition still in force; null if vacant or unknown. */
  async currentPrincipal(manager: EntityManager, schoolId: string): Promise<string | null> {
    const latest = await manager.findOne(PrincipalTransition, {
      where: { schoolId, supersededBy: IsNull() },
      order: { effectiveDate: 'DESC', recordedAt: 'DESC' },
    });
    return latest?.incomingPersonId ?? null;
  }

  /** Each school's champion (its current principal) with the name the directory last gave them. */
  async champions(manager: EntityManager, schoolIds: readonly string[]): Promise<Map<string, Champion | null>> {
    const champions = new Map<string, Champion | null>();
    const principals = new Map<string, string | null>();
    for (const schoolId of new Set(schoolIds)) principals.set(schoolId, await this.currentPrincipal(manager, schoolId));
    const personIds = [...principals.values()].filter((p): p is string => p !== null);
    const people = personIds.length ? await manager.findBy(KnownPerson, { id: In(personIds) }) : [];
    for (const [schoolId, personId] of principals) {
      champions.set(schoolId, personId === null ? null : { personId, fullName: people.find((p) => p.id === personId)?.fullName ?? null });
    }
    return champions;
  }
}

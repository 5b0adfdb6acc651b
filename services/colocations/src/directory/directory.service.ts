import { Injectable } from '@nestjs/common';
import type { LeadershipTransitionedV1 } from '@crosswalk/contracts';
import { type EntityManager, In } from 'typeorm';
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

  /** The school's current principal; null if vacant or unknown. */
  async currentPrincipal(manager: EntityManager, schoolId: string): Promise<string | null> {
    return (await this.champions(manager, [schoolId])).get(schoolId)?.personId ?? null;
  }

  /**
   * Each school's champion: the incoming person of its latest principal transition still in force (by effective
   * date, then by when it was recorded), with the name the directory last gave them; null if vacant or unknown.
   * One query however many schools, so a page of partnerships costs the same as one.
   */
  async champions(manager: EntityManager, schoolIds: readonly string[]): Promise<Map<string, Champion | null>> {
    const champions = new Map<string, Champion | null>([...schoolIds].map((id) => [id, null]));
    if (!champions.size) return champions;
    const latest = await manager
      .createQueryBuilder(PrincipalTransition, 't')
      .leftJoin(KnownPerson, 'person', 'person.id = t.incomingPersonId')
      .select('t.schoolId', 'schoolId')
      .addSelect('t.incomingPersonId', 'personId')
      .addSelect('person.fullName', 'fullName')
      .where('t.schoolId IN (:...schoolIds)', { schoolIds: [...champions.keys()] })
      .andWhere('t.supersededBy IS NULL')
      .andWhere((select) => {
        const later = select
          .subQuery()
          .select('1')
          .from(PrincipalTransition, 'later')
          .where('later.schoolId = t.schoolId AND later.supersededBy IS NULL')
          // Ties on both would be two transitions recorded in the same millisecond: the id decides.
          .andWhere(
            '(later.effectiveDate > t.effectiveDate OR (later.effectiveDate = t.effectiveDate AND (later.recordedAt > t.recordedAt OR (later.recordedAt = t.recordedAt AND later.id > t.id))))',
          );
        return `NOT EXISTS ${later.getQuery()}`;
      })
      .getRawMany<{ schoolId: string; personId: string | null; fullName: string | null }>();
    for (const { schoolId, personId, fullName } of latest) {
      champions.set(schoolId, personId === null ? null : { personId, fullName: fullName ?? null });
    }
    return champions;
  }
}

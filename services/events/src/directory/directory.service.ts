import { Injectable } from '@nestjs/common';
import type { LeadershipTransitionedV1, RegistrationSnapshotV1 } from '@crosswalk/contracts';
import { type EntityManager, In } from 'typeorm';
import { KnownCity } from './known-city.entity';
import { KnownPerson } from './known-person.entity';
import { KnownSchool } from './known-school.entity';
import { RoleTransition } from './role-transition.entity';

/**
 * The local copy of the directory (cities, schools, people, role transitions), built from events only: its
 * reads, and the writes of the events other capabilities handle because they also act on them (closures and
 * principal changes flag hosted events).
 */
@Injectable()
export class DirectoryService {
  async recordClosure(manager: EntityManager, schoolId: string, closedOn: string): Promise<void> {
    await manager.update(KnownSchool, { id: schoolId }, { closedOn });
  }

  /** Any role's transition; a correction marks the transition it supersedes. */
  async recordTransition(manager: EntityManager, t: LeadershipTransitionedV1, recordedAt: Date): Promise<void> {
    await manager.save(RoleTransition, {
      id: t.transitionId,
      holderKind: t.holderKind,
      holderId: t.holderId,
      cityId: t.cityId,
      role: t.role,
      outgoingPersonId: t.outgoingPersonId ?? null,
      incomingPersonId: t.incomingPersonId ?? null,
      effectiveDate: t.effectiveDate,
      supersedesTransitionId: t.supersedesTransitionId ?? null,
      supersededBy: null,
      recordedAt,
    });
    if (t.supersedesTransitionId) {
      await manager.update(RoleTransition, { id: t.supersedesTransitionId }, { supersededBy: t.transitionId });
    }
  }

  city(manager: EntityManager, id: string): Promise<KnownCity | null> {
    return manager.findOneBy(KnownCity, { id });
  }

  school(manager: EntityManager, id: string): Promise<KnownSchool | null> {
    return manager.findOneBy(KnownSchool, { id });
  }

  schools(manager: EntityManager, ids: readonly string[]): Promise<KnownSchool[]> {
    return ids.length ? manager.findBy(KnownSchool, { id: In([...ids]) }) : Promise.resolve([]);
  }

  person(manager: EntityManager, id: string): Promise<KnownPerson | null> {
    return manager.findOneBy(KnownPerson, { id });
  }

  /**
   * Who the person was on `day`: the role they held then (a transition made them its holder on or before
   * `day`, and no transition on or before `day` took it from them), at a school first (the snapshot is about
   * schools), else at an organization; the most recent appointment wins. All null when they held none.
   */
  async snapshotOf(manager: EntityManager, personId: string, day: string): Promise<RegistrationSnapshotV1> {
    const held = await manager
      .createQueryBuilder(RoleTransition, 't')
      .where('t.incomingPersonId = :personId AND t.supersededBy IS NULL AND t.effectiveDate <= :day', { personId, day })
      .andWhere((select) => {
        const ended = select
          .subQuery()
          .select('1')
          .from(RoleTransition, 'later')
          .where('later.holderId = t.holderId AND later.role = t.role AND later.supersededBy IS NULL')
          .andWhere('later.outgoingPersonId = :personId AND later.effectiveDate <= :day')
          .andWhere('(later.effectiveDate > t.effectiveDate OR (later.effectiveDate = t.effectiveDate AND later.recordedAt > t.recordedAt))');
        return `NOT EXISTS ${ended.getQuery()}`;
      })
      .getMany();
    const [current] = held.sort(
      (a, b) =>
        Number(b.holderKind === 'school') - Number(a.holderKind === 'school') ||
        b.effectiveDate.localeCompare(a.effectiveDate) ||
        new Date(b.recordedAt).getTime() - new Date(a.recordedAt).getTime() ||
        b.id.localeCompare(a.id),
    );
    if (!current) return { schoolId: null, sector: null, cityId: null, role: null };
    if (current.holderKind === 'organization') return { schoolId: null, sector: null, cityId: current.cityId, role: current.role };
    const school = await this.school(manager, current.holderId);
    return { schoolId: current.holderId, sector: school?.sector ?? null, cityId: school?.cityId ?? current.cityId, role: current.role };
  }
}

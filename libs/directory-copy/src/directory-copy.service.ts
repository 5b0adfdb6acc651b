import { Injectable } from '@nestjs/common';
import { type HolderKind, SINGLE_HOLDER_ROLES, type SchoolSector } from '@crosswalk/contracts';
import { type EntityManager, In } from 'typeorm';
import { KnownCity, KnownOrganization, KnownPerson, KnownSchool, RoleTransition } from './entities';

/** Who leads a school (its principal) or an organization (its chief), with the name the directory last gave them. */
export interface Leader {
  personId: string;
  fullName: string | null;
}

/** Where a person stood on a day: the role they held and where; all null when they held none. */
export interface Position {
  schoolId: string | null;
  sector: SchoolSector | null;
  cityId: string | null;
  role: string | null;
}

/**
 * The reads of the local copy of the directory. Every method takes the caller's EntityManager, so a use case
 * reads the copy inside its own transaction. The copy is written by DirectoryCopyHandler only.
 */
@Injectable()
export class DirectoryCopy {
  city(manager: EntityManager, id: string): Promise<KnownCity | null> {
    return manager.findOneBy(KnownCity, { id });
  }

  organization(manager: EntityManager, id: string): Promise<KnownOrganization | null> {
    return manager.findOneBy(KnownOrganization, { id });
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

  /** People by id, one query (for a page). */
  people(manager: EntityManager, ids: readonly string[]): Promise<KnownPerson[]> {
    return ids.length ? manager.findBy(KnownPerson, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  transition(manager: EntityManager, id: string): Promise<RoleTransition | null> {
    return manager.findOneBy(RoleTransition, { id });
  }

  /**
   * Every transition of every role at these schools or organizations, superseded ones included (each marked
   * `supersededBy`), one query: the whole tenure history a service derives its own answers from.
   */
  transitionsAt(manager: EntityManager, holderIds: readonly string[]): Promise<RoleTransition[]> {
    return holderIds.length ? manager.findBy(RoleTransition, { holderId: In([...new Set(holderIds)]) }) : Promise.resolve([]);
  }

  /** The leader of one school or organization (see `leaders`). */
  async leader(manager: EntityManager, holderKind: HolderKind, holderId: string, on?: string): Promise<Leader | null> {
    return (await this.leaders(manager, holderKind, [holderId], on)).get(holderId) ?? null;
  }

  /**
   * Each holder's leader (principal of a school, chief of an organization): the incoming person of its latest
   * transition still in force (by effective date, then by when it was recorded), null if vacant or unknown.
   * With `on` (a day), as of that day: transitions effective later do not count; without it, the latest
   * recorded, even one effective in the future. One query however many holders, so a page costs what one does.
   */
  async leaders(manager: EntityManager, holderKind: HolderKind, holderIds: readonly string[], on?: string): Promise<Map<string, Leader | null>> {
    const leaders = new Map<string, Leader | null>([...holderIds].map((id) => [id, null]));
    if (!leaders.size) return leaders;
    const inForceOn = (alias: string): string => (on === undefined ? '' : ` AND ${alias}.effectiveDate <= :on`);
    const latest = await manager
      .createQueryBuilder(RoleTransition, 't')
      .leftJoin(KnownPerson, 'person', 'person.id = t.incomingPersonId')
      .select('t.holderId', 'holderId')
      .addSelect('t.incomingPersonId', 'personId')
      .addSelect('person.fullName', 'fullName')
      .where('t.holderId IN (:...holderIds) AND t.holderKind = :holderKind AND t.role = :role', {
        holderIds: [...leaders.keys()],
        holderKind,
        role: SINGLE_HOLDER_ROLES[holderKind],
        ...(on === undefined ? {} : { on }),
      })
      .andWhere(`t.supersededBy IS NULL${inForceOn('t')}`)
      .andWhere((select) => {
        const later = select
          .subQuery()
          .select('1')
          .from(RoleTransition, 'later')
          .where(`later.holderId = t.holderId AND later.role = t.role AND later.supersededBy IS NULL${inForceOn('later')}`)
          // Ties on both would be two transitions recorded in the same millisecond: the id decides.
          .andWhere(
            '(later.effectiveDate > t.effectiveDate OR (later.effectiveDate = t.effectiveDate AND (later.recordedAt > t.recordedAt OR (later.recordedAt = t.recordedAt AND later.id > t.id))))',
          );
        return `NOT EXISTS ${later.getQuery()}`;
      })
      .getRawMany<{ holderId: string; personId: string | null; fullName: string | null }>();
    for (const { holderId, personId, fullName } of latest) {
      leaders.set(holderId, personId === null ? null : { personId, fullName: fullName ?? null });
    }
    return leaders;
  }

  /**
   * Where the person stood on `day`: the role they held then (a transition made them its holder on or before
   * `day`, and no transition on or before `day` took it from them), at a school first, else at an organization;
   * the most recent appointment wins.
   */
  async positionOn(manager: EntityManager, personId: string, day: string): Promise<Position> {
    const held = await this.heldOn(manager, personId, day);
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

  /**
   * The roles the person held at one school or organization on `day` (e.g. `['teacher']`; empty when none): a
   * mentor must hold one at the school that hosts their fellow, and leaves it when the last one ends.
   */
  async rolesHeldAt(manager: EntityManager, personId: string, holderId: string, day: string): Promise<string[]> {
    return [...new Set((await this.heldOn(manager, personId, day, holderId)).map((t) => t.role))].sort();
  }

  /**
   * The transitions that made the person the holder of a role on or before `day` and that no transition on or
   * before `day` took from them (optionally at one holder): the roles they held that day.
   */
  private heldOn(manager: EntityManager, personId: string, day: string, holderId?: string): Promise<RoleTransition[]> {
    const select = manager
      .createQueryBuilder(RoleTransition, 't')
      .where('t.incomingPersonId = :personId AND t.supersededBy IS NULL AND t.effectiveDate <= :day', { personId, day });
    if (holderId !== undefined) select.andWhere('t.holderId = :holderId', { holderId });
    return select
      .andWhere((sub) => {
        const ended = sub
          .subQuery()
          .select('1')
          .from(RoleTransition, 'later')
          .where('later.holderId = t.holderId AND later.role = t.role AND later.supersededBy IS NULL')
          .andWhere('later.outgoingPersonId = :personId AND later.effectiveDate <= :day')
          .andWhere('(later.effectiveDate > t.effectiveDate OR (later.effectiveDate = t.effectiveDate AND later.recordedAt > t.recordedAt))');
        return `NOT EXISTS ${ended.getQuery()}`;
      })
      .getMany();
  }
}

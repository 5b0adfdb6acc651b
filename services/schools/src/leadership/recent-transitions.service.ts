import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type Principal, visibleCities } from '@crosswalk/auth';
import { type Page, fetchPage } from '@crosswalk/platform';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import { School } from '../schools/school.entity';
import { type RecentTransitionResponse, type RecentTransitionsQuery } from './dto/recent-transitions.dto';
import { TransitionResponse } from './dto/leadership.dto';
import { LeadershipTransition } from './leadership-transition.entity';

/**
 * Leadership transitions across holders, for the console's Today screen: one request per panel instead of a
 * history request per school. Corrections appear as their own transitions; a superseded one says so.
 */
@Injectable()
export class RecentTransitionsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: RecentTransitionsQuery, principal: Principal): Promise<Page<RecentTransitionResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(LeadershipTransition, 'x');
    if (query.from) select.andWhere('x.effectiveDate >= :from', { from: query.from });
    if (query.to) select.andWhere('x.effectiveDate <= :to', { to: query.to });
    if (query.holderKind) select.andWhere('x.holderKind = :holderKind', { holderKind: query.holderKind });
    if (query.role) select.andWhere('x.role = :role', { role: query.role });
    const page = await fetchPage(select, query, (row) => row, { cityColumn: 'x.cityId', cities: visibleCities(principal, query.cityId) });
    const names = await this.namesOf(page.items);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((t) => ({
        ...TransitionResponse.of(t),
        holderName: names.get(t.holderId) ?? t.holderId,
        outgoingPersonName: t.outgoingPersonId ? (names.get(t.outgoingPersonId) ?? null) : null,
        incomingPersonName: t.incomingPersonId ? (names.get(t.incomingPersonId) ?? null) : null,
      })),
    };
  }

  /** Names of the page's holders and people, three queries for the whole page. */
  private async namesOf(transitions: LeadershipTransition[]): Promise<Map<string, string>> {
    const ids = (pick: (t: LeadershipTransition) => (string | null)[]) => [...new Set(transitions.flatMap(pick).filter((id): id is string => id !== null))];
    const schoolIds = ids((t) => [t.holderKind === 'school' ? t.holderId : null]);
    const organizationIds = ids((t) => [t.holderKind === 'organization' ? t.holderId : null]);
    const personIds = ids((t) => [t.outgoingPersonId, t.incomingPersonId]);
    const manager = this.dataSource.manager;
    const [schools, organizations, people] = await Promise.all([
      schoolIds.length ? manager.find(School, { where: { id: In(schoolIds) }, select: { id: true, name: true } }) : [],
      organizationIds.length ? manager.find(Organization, { where: { id: In(organizationIds) }, select: { id: true, name: true } }) : [],
      personIds.length ? manager.find(Person, { where: { id: In(personIds) }, select: { id: true, fullName: true } }) : [],
    ]);
    return new Map<string, string>([
      ...schools.map((s) => [s.id, s.name] as const),
      ...organizations.map((o) => [o.id, o.name] as const),
      ...people.map((p) => [p.id, p.fullName] as const),
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { SINGLE_HOLDER_ROLES } from '@crosswalk/contracts';
import { DataSource, In } from 'typeorm';
import { SchoolClosure } from './school-closure.entity';
import { TransitionFact } from './transition-fact.entity';
import type { Transition } from './transitions.rules';
import { type TurnoverRow, turnoverByCityAndYear } from './turnover.rules';

export function transitionOf(fact: TransitionFact): Transition {
  return { ...fact, recordedAt: new Date(fact.recordedAt).getTime() };
}

/** Reads the transition facts of the given cities (undefined: all) and computes turnover from them. */
@Injectable()
export class LeadershipMetrics {
  constructor(private readonly dataSource: DataSource) {}

  async turnover(cities: string[] | undefined): Promise<TurnoverRow[]> {
    const inCities = cities ? { cityId: In(cities) } : {};
    const [transitions, closures] = await Promise.all([
      this.dataSource.manager.find(TransitionFact, {
        where: [
          { ...inCities, holderKind: 'school', role: SINGLE_HOLDER_ROLES.school },
          { ...inCities, holderKind: 'organization', role: SINGLE_HOLDER_ROLES.organization },
        ],
      }),
      this.dataSource.manager.find(SchoolClosure, { where: inCities }),
    ]);
    return turnoverByCityAndYear(transitions.map(transitionOf), closures);
  }
}

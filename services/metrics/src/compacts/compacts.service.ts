import { Injectable } from '@nestjs/common';
import { canAccessCity, type Principal } from '@crosswalk/auth';
import { Clock } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { DataSource, In } from 'typeorm';
import { transitionOf } from '../leadership/leadership.service';
import { TransitionFact } from '../leadership/transition-fact.entity';
import type { Transition } from '../leadership/transitions.rules';
import { CompactFact } from './compact-fact.entity';
import { SignatureFact } from './signature-fact.entity';
import { type CityCompactsRow, type SignatoryCount, compactsByCity, countSignatories } from './signatories.rules';

export interface CompactReport extends SignatoryCount {
  compactId: string;
  cityId: string;
  title: string;
}

/**
 * "Still in post" is a question asked on a day: the stored facts never depend on "now" (a replay rebuilds
 * them exactly); the read evaluates them as of the clock's business date (UTC), so transitions dated later
 * have not happened yet and do not take anyone out of post.
 */
@Injectable()
export class CompactMetrics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async byCity(cities: string[] | undefined): Promise<CityCompactsRow[]> {
    const where = cities ? { cityId: In(cities) } : {};
    const [compacts, signatures] = await Promise.all([
      this.dataSource.manager.find(CompactFact, { where }),
      this.dataSource.manager.find(SignatureFact, { where }),
    ]);
    return compactsByCity(compacts, signatures, await this.transitionsAt(signatures), this.clock.today());
  }

  async one(compactId: string, principal: Principal): Promise<CompactReport> {
    const compact = await this.dataSource.manager.findOne(CompactFact, { where: { compactId } });
    // Another city's compact answers like an unknown one, so its existence does not leak.
    if (!compact || !canAccessCity(principal, compact.cityId)) throw new Problem(ProblemCode.NotFound, `Compact ${compactId} is not known to the metrics`);
    const signatures = await this.dataSource.manager.find(SignatureFact, { where: { compactId } });
    const count = countSignatories(signatures, await this.transitionsAt(signatures), this.clock.today());
    return { compactId, cityId: compact.cityId, title: compact.title, ...count };
  }

  /** Every transition (corrections included) at the signing organizations. */
  private async transitionsAt(signatures: readonly SignatureFact[]): Promise<Transition[]> {
    const organizations = [...new Set(signatures.map((s) => s.organizationId))];
    if (organizations.length === 0) return [];
    const facts = await this.dataSource.manager.find(TransitionFact, { where: { holderKind: 'organization', holderId: In(organizations) } });
    return facts.map(transitionOf);
  }
}

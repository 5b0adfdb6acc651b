import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { RETENTION_YEARS, type RetentionOutcome } from '@crosswalk/contracts';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { Clock } from '@crosswalk/platform';
import { FellowPlacements } from '../fellows/fellow-placements';
import type { PlacementView } from './dto/placement.dto';
import { Placement, RetentionCheckpoint } from './placement.entity';
import { type Tenure, type TransitionFact, checkpointOn, matchingTenure, retentionOutcome, tenuresOf } from './placement.rules';

/** What the directory copy says about one placement: the person's tenures in its role at its school, the one that confirms it, the closure. */
export interface PlacementTenure {
  tenures: Tenure[];
  matched: Tenure | null;
  closedOn: string | null;
}

export function placementTenure(placement: Placement, transitionsAtSchool: readonly TransitionFact[], closedOn: string | null): PlacementTenure {
  const tenures = tenuresOf(transitionsAtSchool, placement.personId, placement.role);
  return { tenures, matched: matchingTenure(tenures, placement.startsOn), closedOn };
}

/**
 * A fellow's placements as `GET /v1/fellows/:id` answers them. Retention per year is the recorded checkpoint's
 * latest answer when the job has recorded it (a correction revises it), else the same rule applied today:
 * `unknown` before the checkpoint day.
 */
@Injectable()
export class PlacementViews extends FellowPlacements {
  constructor(
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {
    super();
  }

  async of(manager: EntityManager, fellowIds: readonly string[]): Promise<Map<string, PlacementView[]>> {
    const answer = new Map<string, PlacementView[]>();
    if (!fellowIds.length) return answer;
    const placements = await manager.find(Placement, { where: { fellowId: In([...fellowIds]) }, order: { startsOn: 'ASC', createdAt: 'ASC' } });
    if (!placements.length) return answer;
    const schoolIds = [...new Set(placements.map((p) => p.schoolId))];
    const transitions = await this.directory.transitionsAt(manager, schoolIds);
    const schools = new Map((await this.directory.schools(manager, schoolIds)).map((s) => [s.id, s]));
    const checkpoints = await manager.findBy(RetentionCheckpoint, { placementId: In(placements.map((p) => p.id)) });
    const today = this.clock.today();
    for (const p of placements) {
      const tenure = placementTenure(
        p,
        transitions.filter((t) => t.holderId === p.schoolId),
        schools.get(p.schoolId)?.closedOn ?? null,
      );
      const [year1, year2, year3] = RETENTION_YEARS.map(
        (year): RetentionOutcome =>
          checkpoints.find((c) => c.placementId === p.id && c.year === year)?.outcome ??
          retentionOutcome({ ...tenure, checkpointOn: checkpointOn(p.startsOn, year), today }),
      );
      const list = answer.get(p.fellowId) ?? [];
      list.push({
        id: p.id,
        schoolId: p.schoolId,
        sector: p.sector,
        cityId: p.cityId,
        role: p.role,
        startsOn: p.startsOn,
        confirmed: p.transitionId !== null,
        transitionId: p.transitionId,
        tenureStartedOn: p.tenureStartedOn,
        endedOn: p.endedOn,
        endCause: p.endCause,
        endTransitionId: p.endTransitionId,
        retention: { year1, year2, year3 },
      });
      answer.set(p.fellowId, list);
    }
    return answer;
  }
}

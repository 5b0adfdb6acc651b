import { Injectable } from '@nestjs/common';
import { type Principal, canAccessCity } from '@crosswalk/auth';
import { Problem } from '@crosswalk/problems';
import { DataSource, type EntityManager, In } from 'typeorm';
import { cityNamesOf } from '../cities/city-names';
import { share } from '../reporting/share.rules';
import type { FellowshipGrouping, FellowshipItem, FlowGrouping, FlowItem } from './dto/fellowship-metrics.dto';
import type { OriginSector } from './fellowship.rules';
import { FellowshipCohort } from './fellowship-cohort.entity';
import { FellowshipProgram, FellowshipProgramCity } from './fellowship-program.entity';
import { FellowshipTally, TALLY_FIGURES, type TallyFigure } from './fellowship-tally.entity';
import { PlacementFlow } from './placement-flow.entity';

/** The cities asked about: undefined for every city (network-wide roles), else these (possibly none). */
type Cities = string[] | undefined;

export interface FellowshipFilter {
  programId?: string;
  cohortId?: string;
}

type Raw<K extends string> = Record<K, string | number | null>;
const num = (value: string | number | null | undefined): number => Number(value ?? 0);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Tally = Record<TallyFigure, number>;
const NO_TALLY = Object.fromEntries(TALLY_FIGURES.map((f) => [f, 0])) as Tally;

/** A program serving one city, with what names it. */
interface ProgramInCity {
  programId: string;
  cityId: string;
  program: FellowshipProgram;
}

/**
 * Reads the fellowships metrics from the running totals the handlers keep (a few rows per program, cohort and
 * origin sector), repeated in each city the program serves. Nothing here reads fellows or placements.
 */
@Injectable()
export class FellowshipMetrics {
  constructor(private readonly dataSource: DataSource) {}

  private get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async fellowships(principal: Principal, cities: Cities, filter: FellowshipFilter, by: FellowshipGrouping): Promise<FellowshipItem[]> {
    const { programs, cohort } = await this.scope(principal, cities, filter);
    if (programs.length === 0) return [];
    const programIds = [...new Set(programs.map((p) => p.programId))];
    const perCohort = by === 'cohort' || cohort !== undefined;
    const select = this.manager
      .createQueryBuilder(FellowshipTally, 't')
      .select('t.programId', 'programId')
      .where('t.programId IN (:...programIds)', { programIds })
      .groupBy('t.programId');
    for (const figure of TALLY_FIGURES) select.addSelect(`SUM(t.${figure})`, figure);
    if (perCohort) select.addSelect('t.cohortId', 'cohortId').addGroupBy('t.cohortId');
    if (by === 'sector') select.addSelect('t.originSector', 'originSector').addGroupBy('t.originSector');
    if (cohort) select.andWhere('t.cohortId = :cohortId', { cohortId: cohort.cohortId });
    const rows = await select.getRawMany<Raw<TallyFigure | 'programId' | 'cohortId' | 'originSector'>>();

    // Every program (and with cohorts, every scheduled cohort) has a row, with nothing counted yet if need be;
    // per sector only the sectors fellows came from.
    const groups = new Map<string, { programId: string; cohortId?: string; originSector?: OriginSector; tally: Tally }>();
    const keyOf = (programId: string, cohortId?: string, originSector?: string) => `${programId} ${cohortId ?? ''} ${originSector ?? ''}`;
    if (by !== 'sector') {
      if (perCohort) {
        const cohorts = cohort ? [cohort] : await this.manager.find(FellowshipCohort, { where: { programId: In(programIds) } });
        for (const c of cohorts) groups.set(keyOf(c.programId, c.cohortId), { programId: c.programId, cohortId: c.cohortId, tally: NO_TALLY });
      } else {
        for (const programId of programIds) groups.set(keyOf(programId), { programId, tally: NO_TALLY });
      }
    }
    for (const r of rows) {
      const programId = String(r.programId);
      const cohortId = perCohort ? String(r.cohortId) : undefined;
      const originSector = by === 'sector' ? (String(r.originSector) as OriginSector) : undefined;
      const tally = Object.fromEntries(TALLY_FIGURES.map((f) => [f, num(r[f])])) as Tally;
      groups.set(keyOf(programId, cohortId, originSector), { programId, cohortId, originSector, tally });
    }

    const cohortNames = perCohort ? await this.cohortNames([...groups.values()].flatMap((g) => (g.cohortId ? [g.cohortId] : []))) : undefined;
    const nameOf = await cityNamesOf(
      this.manager,
      programs.map((p) => p.cityId),
    );
    const items: FellowshipItem[] = [];
    for (const p of programs) {
      for (const g of groups.values()) {
        if (g.programId !== p.programId) continue;
        const t = g.tally;
        items.push({
          programId: p.programId,
          programName: p.program.name,
          programKind: p.program.kind,
          ...(g.cohortId !== undefined && { cohortId: g.cohortId, cohortName: cohortNames?.get(g.cohortId) ?? null }),
          ...(g.originSector !== undefined && { originSector: g.originSector }),
          cityId: p.cityId,
          cityName: nameOf(p.cityId),
          applied: t.applied,
          enrolled: t.enrolled,
          withdrawn: t.withdrawn,
          notCompleted: t.notCompleted,
          completed: t.completed,
          completionRate: share(t.completed, t.enrolled),
          placed: t.placed,
          placedConfirmed: t.placedConfirmed,
          placementRate: share(t.placed, t.completed),
          placements: t.placements,
          confirmedPlacements: t.confirmedPlacements,
          retained1y: t.retained1y,
          left1y: t.left1y,
          unknown1y: t.placements - t.retained1y - t.left1y,
          retained2y: t.retained2y,
          left2y: t.left2y,
          unknown2y: t.placements - t.retained2y - t.left2y,
          retained3y: t.retained3y,
          left3y: t.left3y,
          unknown3y: t.placements - t.retained3y - t.left3y,
          mentorDepartures: t.mentorDepartures,
        });
      }
    }
    return items.sort(
      (a, b) =>
        compare(a.cityId, b.cityId) ||
        compare(a.programId, b.programId) ||
        compare(a.cohortId ?? '', b.cohortId ?? '') ||
        compare(a.originSector ?? '', b.originSector ?? ''),
    );
  }

  async flows(principal: Principal, cities: Cities, filter: FellowshipFilter, by: FlowGrouping): Promise<FlowItem[]> {
    const { programs, cohort } = await this.scope(principal, cities, filter);
    if (programs.length === 0) return [];
    const programIds = [...new Set(programs.map((p) => p.programId))];
    const perCohort = by === 'cohort' || cohort !== undefined;
    const select = this.manager
      .createQueryBuilder(PlacementFlow, 'f')
      .select('f.programId', 'programId')
      .addSelect('f.originSector', 'originSector')
      .addSelect('f.placementSector', 'placementSector')
      .addSelect('SUM(f.placements)', 'placements')
      .addSelect('SUM(f.confirmedPlacements)', 'confirmedPlacements')
      .where('f.programId IN (:...programIds)', { programIds })
      .groupBy('f.programId')
      .addGroupBy('f.originSector')
      .addGroupBy('f.placementSector')
      .having('SUM(f.placements) > 0');
    if (perCohort) select.addSelect('f.cohortId', 'cohortId').addGroupBy('f.cohortId');
    if (cohort) select.andWhere('f.cohortId = :cohortId', { cohortId: cohort.cohortId });
    const rows = await select.getRawMany<Raw<'programId' | 'cohortId' | 'originSector' | 'placementSector' | 'placements' | 'confirmedPlacements'>>();

    const cohortNames = perCohort ? await this.cohortNames(rows.map((r) => String(r.cohortId))) : undefined;
    const nameOf = await cityNamesOf(
      this.manager,
      programs.map((p) => p.cityId),
    );
    const items: FlowItem[] = [];
    for (const p of programs) {
      for (const r of rows) {
        if (String(r.programId) !== p.programId) continue;
        const cohortId = perCohort ? String(r.cohortId) : undefined;
        items.push({
          programId: p.programId,
          programName: p.program.name,
          ...(cohortId !== undefined && { cohortId, cohortName: cohortNames?.get(cohortId) ?? null }),
          cityId: p.cityId,
          cityName: nameOf(p.cityId),
          originSector: String(r.originSector) as FlowItem['originSector'],
          placementSector: String(r.placementSector) as FlowItem['placementSector'],
          placements: num(r.placements),
          confirmedPlacements: num(r.confirmedPlacements),
        });
      }
    }
    return items.sort(
      (a, b) =>
        compare(a.cityId, b.cityId) ||
        compare(a.programId, b.programId) ||
        compare(a.cohortId ?? '', b.cohortId ?? '') ||
        compare(a.originSector, b.originSector) ||
        compare(a.placementSector, b.placementSector),
    );
  }

  /**
   * The programs (each in each of its cities asked about) that the filters leave. A program or cohort named
   * in a filter that the caller may not see answers like an unknown one (404), so its existence does not leak.
   */
  private async scope(principal: Principal, cities: Cities, filter: FellowshipFilter): Promise<{ programs: ProgramInCity[]; cohort?: FellowshipCohort }> {
    let programId = filter.programId;
    let cohort: FellowshipCohort | undefined;
    if (filter.cohortId !== undefined) {
      cohort = (await this.manager.findOneBy(FellowshipCohort, { cohortId: filter.cohortId })) ?? undefined;
      if (!cohort || !(await this.visible(principal, cohort.programId))) throw Problem.notFound(`Cohort ${filter.cohortId}`);
      // A cohort of another program than the one named: nothing is both.
      if (programId !== undefined && programId !== cohort.programId) return { programs: [], cohort };
      programId = cohort.programId;
    } else if (programId !== undefined && !(await this.visible(principal, programId))) {
      throw Problem.notFound(`Program ${programId}`);
    }
    const select = this.manager.createQueryBuilder(FellowshipProgramCity, 'pc').select(['pc.programId', 'pc.cityId']);
    if (cities) select.andWhere(cities.length === 0 ? '1 = 0' : 'pc.cityId IN (:...cities)', { cities });
    if (programId !== undefined) select.andWhere('pc.programId = :programId', { programId });
    const served = await select.getMany();
    const programIds = [...new Set(served.map((s) => s.programId))];
    const programs = programIds.length === 0 ? [] : await this.manager.find(FellowshipProgram, { where: { programId: In(programIds) } });
    const byId = new Map(programs.map((p) => [p.programId, p]));
    // Both rows are written together from the program's first record, so every city served has its program.
    const inCities = served.flatMap((s) => {
      const program = byId.get(s.programId);
      return program ? [{ programId: s.programId, cityId: s.cityId, program }] : [];
    });
    return { programs: inCities, cohort };
  }

  /** A program is visible to whoever may see one of the cities it serves. */
  private async visible(principal: Principal, programId: string): Promise<boolean> {
    const served = await this.manager.find(FellowshipProgramCity, { where: { programId } });
    return served.some((s) => canAccessCity(principal, s.cityId));
  }

  private async cohortNames(cohortIds: string[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(cohortIds)];
    const cohorts = ids.length === 0 ? [] : await this.manager.find(FellowshipCohort, { where: { cohortId: In(ids) } });
    return new Map(cohorts.map((c) => [c.cohortId, c.name]));
  }
}

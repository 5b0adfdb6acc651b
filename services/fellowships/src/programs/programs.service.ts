import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ACTIVE_FELLOW_STAGES, ProgramCreated, ProgramDiscontinued } from '@crosswalk/contracts';
import { type Principal, assertCityAccess, visibleCities } from '@crosswalk/auth';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { UnitOfWork } from '@crosswalk/messaging';
import { afterLockIsolation, newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { CohortsService } from '../cohorts/cohorts.service';
import { Fellow } from '../fellows/fellow.entity';
import { type ProgramInCities, invalid, programRef, recordOf, refused } from '../records';
import type { CreateProgramRequest, DiscontinueProgramRequest, ProgramQuery, ProgramResponse } from './dto/program.dto';
import { citiesOfPrograms, visibleProgram, whereProgramServes } from './program-scope';
import { Program, ProgramCity, ProgramRequirement } from './program.entity';

/** Programs: created with their cities and requirements, listed, discontinued (which cancels their live cohorts). */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly cohorts: CohortsService,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateProgramRequest, principal: Principal): Promise<ProgramResponse> {
    // A city outside the token answers like an unknown city (404) before anything is read.
    for (const cityId of request.cityIds) assertCityAccess(principal, cityId);
    const id = await this.unitOfWork.run(async (tx) => {
      const unknown: string[] = [];
      for (const cityId of request.cityIds) if (!(await this.directory.city(tx.manager, cityId))) unknown.push(`City ${cityId} is not in the directory`);
      if (unknown.length) throw invalid('cityIds', ...unknown);
      // The operator is a reference like the cities: one the directory never told of is refused, not kept.
      if (!(await this.directory.organization(tx.manager, request.operatorOrganizationId))) {
        throw invalid('operatorOrganizationId', `Organization ${request.operatorOrganizationId} is not in the directory`);
      }
      const program = tx.manager.create(Program, {
        id: newId(),
        name: request.name,
        kind: request.kind,
        operatorOrganizationId: request.operatorOrganizationId,
        status: 'active',
        discontinuedOn: null,
        discontinueReason: null,
        createdAt: new Date(),
      });
      await tx.manager.save(program);
      await tx.manager.insert(
        ProgramCity,
        request.cityIds.map((cityId) => ({ programId: program.id, cityId })),
      );
      const requirements = request.requirements.map((r, position) => ({ id: newId(), programId: program.id, position, text: r.text, required: r.required }));
      if (requirements.length) await tx.manager.insert(ProgramRequirement, requirements);
      const scope: ProgramInCities = { program, cityIds: [...request.cityIds].sort() };
      tx.record(ProgramCreated, {
        ...recordOf(scope),
        payload: {
          ...programRef(scope),
          name: program.name,
          operatorOrganizationId: program.operatorOrganizationId,
          requirements: requirements.map((r) => ({ requirementId: r.id, text: r.text, required: r.required })),
        },
      });
      return program.id;
    }, afterLockIsolation(this.dataSource));
    return this.get(id, principal);
  }

  async get(id: string, principal: Principal): Promise<ProgramResponse> {
    const scope = await visibleProgram(this.dataSource.manager, principal, id, `Program ${id}`);
    const [view] = await this.views(this.dataSource.manager, [scope.program]);
    return view;
  }

  async list(query: ProgramQuery, principal: Principal): Promise<Page<ProgramResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Program, 'program');
    if (query.kind) select.andWhere('program.kind = :kind', { kind: query.kind });
    if (query.status) select.andWhere('program.status = :status', { status: query.status });
    whereProgramServes(select, 'program.id', visibleCities(principal, query.cityId));
    const page = await fetchPage(select, query, (p) => p);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Discontinues the program: its planned and active cohorts are cancelled (each tells its active fellows), and
   * the program's record names every fellow still in it. Fellows keep their stage: what becomes of each is the
   * operator's next record (withdrawn, not_completed).
   */
  async discontinue(id: string, request: DiscontinueProgramRequest, principal: Principal): Promise<ProgramResponse> {
    await this.unitOfWork.run(async (tx) => {
      const scope = await visibleProgram(tx.manager, principal, id, `Program ${id}`, true);
      if (scope.program.status === 'discontinued') throw refused('program_discontinued', `Program ${id} is already discontinued`);
      const on = request.on ?? this.clock.today();
      const reason = request.reason ?? null;
      const cancelledCohortIds = await this.cohorts.cancelLiveCohorts(tx, scope, reason, on);
      await tx.manager.update(Program, { id }, { status: 'discontinued', discontinuedOn: on, discontinueReason: reason });
      const active = await tx.manager.find(Fellow, { where: { programId: id, stage: In([...ACTIVE_FELLOW_STAGES]) }, order: { id: 'ASC' } });
      tx.record(ProgramDiscontinued, {
        ...recordOf(scope),
        payload: { ...programRef(scope), reason, discontinuedOn: on, cancelledCohortIds, activeFellowIds: active.map((f) => f.id) },
      });
    }, afterLockIsolation(this.dataSource));
    return this.get(id, principal);
  }

  /** The programs as answered, with cities and requirements: two queries whatever the page size. */
  private async views(manager: EntityManager, programs: readonly Program[]): Promise<ProgramResponse[]> {
    if (!programs.length) return [];
    const ids = programs.map((p) => p.id);
    const cities = await citiesOfPrograms(manager, ids);
    const requirements = await manager.find(ProgramRequirement, { where: { programId: In(ids) }, order: { programId: 'ASC', position: 'ASC' } });
    return programs.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      operatorOrganizationId: p.operatorOrganizationId,
      cityIds: cities.get(p.id) ?? [],
      requirements: requirements.filter((r) => r.programId === p.id).map((r) => ({ id: r.id, text: r.text, required: r.required })),
      status: p.status,
      discontinuedOn: p.discontinuedOn,
      discontinueReason: p.discontinueReason,
      createdAt: new Date(p.createdAt).toISOString(),
    }));
  }
}

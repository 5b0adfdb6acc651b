import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SchoolClosed, SchoolCreated, SchoolUpdated, type SchoolCreatedV1 } from '@crosswalk/contracts';
import { assertCityAccess, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { forUpdate, isUniqueViolation, nameKeyOf, newId } from '@crosswalk/persistence';
import { fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { requireCity } from '../cities/cities.service';
import { LeadershipService } from '../leadership/leadership.service';
import { Organization } from '../organizations/organization.entity';
import { decideClosing } from './closing.rules';
import type { CloseSchoolRequest, CreateSchoolRequest, SchoolListQuery, UpdateSchoolRequest } from './dto/school.dto';
import { SchoolResponse } from './dto/school.dto';
import { School } from './school.entity';

const payloadOf = (s: School): SchoolCreatedV1 => ({
  schoolId: s.id,
  cityId: s.cityId,
  name: s.name,
  sector: s.sector,
  organizationId: s.organizationId,
  ncesId: s.ncesId,
});

/** The school, if the caller may see it: 404 when unknown or in another city. */
export async function requireSchool(manager: EntityManager, id: string, principal: Principal, lock = false): Promise<School> {
  const select = manager.createQueryBuilder(School, 's').where('s.id = :id', { id });
  return visibleOrNotFound(principal, await (lock ? forUpdate(manager, select) : select).getOne(), `School ${id}`);
}

@Injectable()
export class SchoolsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly leadership: LeadershipService,
  ) {}

  async create(request: CreateSchoolRequest, principal: Principal): Promise<SchoolResponse> {
    return SchoolResponse.of(await this.withKeyConflicts(() => this.unitOfWork.run((tx) => this.createIn(tx, request, principal))));
  }

  /** Inside a caller's unit of work (the CSV import applies many rows in one transaction). */
  async createIn(tx: TransactionScope, request: CreateSchoolRequest, principal: Principal): Promise<School> {
    assertCityAccess(principal, request.cityId);
    await requireCity(tx.manager, request.cityId, principal);
    if (request.organizationId) await this.assertOperator(tx.manager, request.organizationId, request.cityId);
    await this.assertNcesFree(tx.manager, request.ncesId ?? null, null);
    await this.assertNameFree(tx.manager, request.cityId, request.name, null);
    const now = new Date();
    const school = await tx.manager.save(
      tx.manager.create(School, {
        id: newId(),
        cityId: request.cityId,
        name: request.name,
        nameKey: nameKeyOf(request.name),
        sector: request.sector,
        organizationId: request.organizationId ?? null,
        ncesId: request.ncesId ?? null,
        status: 'open',
        closedOn: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    tx.record(SchoolCreated, { key: school.id, cityId: school.cityId, payload: payloadOf(school) });
    return school;
  }

  async update(id: string, request: UpdateSchoolRequest, principal: Principal): Promise<SchoolResponse> {
    const updated = await this.withKeyConflicts(() =>
      this.unitOfWork.run(async (tx) => {
        const school = await requireSchool(tx.manager, id, principal, true);
        if (request.organizationId) await this.assertOperator(tx.manager, request.organizationId, school.cityId);
        if (request.ncesId !== undefined) await this.assertNcesFree(tx.manager, request.ncesId, school.id);
        if (request.name !== undefined) await this.assertNameFree(tx.manager, school.cityId, request.name, school.id);
        Object.assign(school, {
          ...(request.name !== undefined && { name: request.name, nameKey: nameKeyOf(request.name) }),
          ...(request.organizationId !== undefined && { organizationId: request.organizationId }),
          ...(request.ncesId !== undefined && { ncesId: request.ncesId }),
          updatedAt: new Date(),
        });
        const saved = await tx.manager.save(school);
        tx.record(SchoolUpdated, { key: saved.id, cityId: saved.cityId, payload: payloadOf(saved) });
        return saved;
      }),
    );
    return SchoolResponse.of(updated);
  }

  /**
   * Closes the school and ends its open tenures on the closing day, in one transaction with the event. The
   * tenures are read and ended through the leadership service, the one place that changes them.
   */
  async close(id: string, request: CloseSchoolRequest, principal: Principal): Promise<SchoolResponse> {
    const closed = await this.unitOfWork.run(async (tx) => {
      // Locked like a leadership transition, so a transition and a closure of one school cannot interleave.
      const school = await requireSchool(tx.manager, id, principal, true);
      const open = await this.leadership.openTenures(tx.manager, 'school', school.id);
      const verdict = decideClosing(school, request.effectiveDate, open);
      if (!verdict.ok) throw new Problem(ProblemCode.ClosureConflict, `School ${school.id} cannot close on ${request.effectiveDate}: ${verdict.reason}`);
      await this.leadership.endTenuresAtClosure(tx.manager, verdict.endedTenureIds, request.effectiveDate);
      Object.assign(school, { status: 'closed', closedOn: request.effectiveDate, updatedAt: new Date() });
      const saved = await tx.manager.save(school);
      tx.record(SchoolClosed, {
        key: saved.id,
        cityId: saved.cityId,
        payload: { schoolId: saved.id, cityId: saved.cityId, effectiveDate: request.effectiveDate, endedTenureIds: verdict.endedTenureIds },
      });
      return saved;
    });
    return SchoolResponse.of(closed);
  }

  async get(id: string, principal: Principal): Promise<SchoolResponse> {
    return SchoolResponse.of(await requireSchool(this.dataSource.manager, id, principal));
  }

  async list(query: SchoolListQuery, principal: Principal): Promise<Page<SchoolResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(School, 's');
    if (query.sector) select.andWhere('s.sector = :sector', { sector: query.sector });
    if (query.organizationId) select.andWhere('s.organizationId = :organizationId', { organizationId: query.organizationId });
    if (query.status) select.andWhere('s.status = :status', { status: query.status });
    return fetchPage(select, query, SchoolResponse.of, { cityColumn: 's.cityId', cities: visibleCities(principal, query.cityId) });
  }

  /** The operator must exist and run schools in the same city: a Denver school is not operated from Chicago's record. */
  private async assertOperator(manager: EntityManager, organizationId: string, cityId: string): Promise<void> {
    const organization = await manager.findOneBy(Organization, { id: organizationId });
    if (!organization) throw Problem.invalid([{ field: 'organizationId', messages: [`organization ${organizationId} does not exist`] }]);
    if (organization.cityId !== cityId) {
      throw Problem.invalid([{ field: 'organizationId', messages: [`organization ${organizationId} is in another city than the school`] }]);
    }
  }

  private async assertNcesFree(manager: EntityManager, ncesId: string | null, self: string | null): Promise<void> {
    if (!ncesId) return;
    const holder = await manager.findOneBy(School, { ncesId });
    if (holder && holder.id !== self) throw new Problem(ProblemCode.AlreadyExists, `NCES school id ${ncesId} already belongs to school ${holder.id}`);
  }

  /** A school's natural key: one school of a name (compared as `nameKeyOf` does) in a city. */
  private async assertNameFree(manager: EntityManager, cityId: string, name: string, self: string | null): Promise<void> {
    const holder = await manager.findOneBy(School, { cityId, nameKey: nameKeyOf(name) });
    if (holder && holder.id !== self) throw new Problem(ProblemCode.AlreadyExists, `A school named ${holder.name} already exists in this city (${holder.id})`);
  }

  /** Two concurrent requests for one key: the unique index decides, and the loser gets the 409 the check gives. */
  private async withKeyConflicts<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        const onName = /nameKey|uq_school_city_name/.test(error instanceof Error ? error.message : '');
        throw new Problem(
          ProblemCode.AlreadyExists,
          onName ? 'A school of that name already exists in this city' : 'The NCES school id already belongs to another school',
        );
      }
      throw error;
    }
  }
}

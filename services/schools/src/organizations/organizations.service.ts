import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganizationCreated, OrganizationUpdated, type OrganizationCreatedV1 } from '@crosswalk/contracts';
import { assertCityAccess, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { isUniqueViolation, newId } from '@crosswalk/persistence';
import { fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { requireCity } from '../cities/cities.service';
import type { CreateOrganizationRequest, OrganizationListQuery, UpdateOrganizationRequest } from './dto/organization.dto';
import { OrganizationResponse } from './dto/organization.dto';
import { Organization } from './organization.entity';

const payloadOf = (o: Organization): OrganizationCreatedV1 => ({ organizationId: o.id, cityId: o.cityId, name: o.name, kind: o.kind, ncesLeaId: o.ncesLeaId });

/** The organization, if the caller may see it: 404 when unknown or in another city. */
export async function requireOrganization(manager: EntityManager, id: string, principal: Principal): Promise<Organization> {
  return visibleOrNotFound(principal, await manager.findOneBy(Organization, { id }), `Organization ${id}`);
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create(request: CreateOrganizationRequest, principal: Principal): Promise<OrganizationResponse> {
    return OrganizationResponse.of(await this.withNcesConflict(request.ncesLeaId, () => this.unitOfWork.run((tx) => this.createIn(tx, request, principal))));
  }

  /** Inside a caller's unit of work (the CSV import applies many rows in one transaction). */
  async createIn(tx: TransactionScope, request: CreateOrganizationRequest, principal: Principal): Promise<Organization> {
    assertCityAccess(principal, request.cityId);
    await requireCity(tx.manager, request.cityId, principal);
    await this.assertNcesFree(tx.manager, request.ncesLeaId ?? null, null);
    const now = new Date();
    const organization = await tx.manager.save(
      tx.manager.create(Organization, {
        id: newId(),
        cityId: request.cityId,
        name: request.name,
        kind: request.kind,
        ncesLeaId: request.ncesLeaId ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    tx.record(OrganizationCreated, { key: organization.id, cityId: organization.cityId, payload: payloadOf(organization) });
    return organization;
  }

  async update(id: string, request: UpdateOrganizationRequest, principal: Principal): Promise<OrganizationResponse> {
    const updated = await this.withNcesConflict(request.ncesLeaId ?? undefined, () =>
      this.unitOfWork.run(async (tx) => {
        const organization = await requireOrganization(tx.manager, id, principal);
        if (request.ncesLeaId !== undefined) await this.assertNcesFree(tx.manager, request.ncesLeaId, organization.id);
        Object.assign(organization, {
          ...(request.name !== undefined && { name: request.name }),
          ...(request.kind !== undefined && { kind: request.kind }),
          ...(request.ncesLeaId !== undefined && { ncesLeaId: request.ncesLeaId }),
          updatedAt: new Date(),
        });
        const saved = await tx.manager.save(organization);
        tx.record(OrganizationUpdated, { key: saved.id, cityId: saved.cityId, payload: payloadOf(saved) });
        return saved;
      }),
    );
    return OrganizationResponse.of(updated);
  }

  async get(id: string, principal: Principal): Promise<OrganizationResponse> {
    return OrganizationResponse.of(await requireOrganization(this.dataSource.manager, id, principal));
  }

  async list(query: OrganizationListQuery, principal: Principal): Promise<Page<OrganizationResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Organization, 'o');
    if (query.kind) select.andWhere('o.kind = :kind', { kind: query.kind });
    return fetchPage(select, query, OrganizationResponse.of, { cityColumn: 'o.cityId', cities: visibleCities(principal, query.cityId) });
  }

  private async assertNcesFree(manager: EntityManager, ncesLeaId: string | null, self: string | null): Promise<void> {
    if (!ncesLeaId) return;
    const holder = await manager.findOneBy(Organization, { ncesLeaId });
    if (holder && holder.id !== self) throw new Problem(ProblemCode.AlreadyExists, `NCES LEA id ${ncesLeaId} already belongs to organization ${holder.id}`);
  }

  /** Two concurrent requests with one NCES id: the unique index decides and the loser gets the same 409. */
  private async withNcesConflict<T>(ncesLeaId: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, `NCES LEA id ${ncesLeaId ?? ''} already belongs to another organization`);
      throw error;
    }
  }
}

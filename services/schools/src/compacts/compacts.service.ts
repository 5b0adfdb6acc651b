import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { assertCityAccess, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { CompactSignatoryAdded, CompactSigned, SINGLE_HOLDER_ROLES } from '@crosswalk/contracts';
import { UnitOfWork } from '@crosswalk/messaging';
import { isUniqueViolation, nameKeyOf, newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { requireCity } from '../cities/cities.service';
import { LeadershipService } from '../leadership/leadership.service';
import { Organization } from '../organizations/organization.entity';
import { requirePerson } from '../people/people.service';
import { Person } from '../people/person.entity';
import { signingRole } from './compact.rules';
import { CompactSignatory } from './compact-signatory.entity';
import { Compact } from './compact.entity';
import type { AddSignatoryRequest, CompactListQuery, CompactResponse, CreateCompactRequest, SignatoryResponse, SignatureRequest } from './dto/compact.dto';

const CHIEF = SINGLE_HOLDER_ROLES.organization;

@Injectable()
export class CompactsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly leadership: LeadershipService,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateCompactRequest, principal: Principal): Promise<CompactResponse> {
    assertCityAccess(principal, request.cityId);
    const organizations = request.signatories.map((s) => s.organizationId);
    const repeated = organizations.findIndex((id, i) => organizations.indexOf(id) !== i);
    if (repeated >= 0) {
      throw Problem.invalid([{ field: `signatories.${repeated}.organizationId`, messages: ['an organization signs a compact once'] }]);
    }
    const titleKey = nameKeyOf(request.title);
    const compact = await this.withTitleConflict(request, () =>
      this.unitOfWork.run(async (tx) => {
        await requireCity(tx.manager, request.cityId, principal);
        const same = await tx.manager.findOneBy(Compact, { cityId: request.cityId, titleKey, signedOn: request.signedOn });
        if (same) throw new Problem(ProblemCode.AlreadyExists, `Compact ${same.title}, signed on ${same.signedOn}, already exists in this city (${same.id})`);
        const created = tx.manager.create(Compact, {
          id: newId(),
          cityId: request.cityId,
          title: request.title,
          titleKey,
          signedOn: request.signedOn,
          createdAt: new Date(),
        });
        await tx.manager.insert(Compact, created);
        const signatures: CompactSignatory[] = [];
        for (const [index, signature] of request.signatories.entries()) {
          signatures.push(await this.sign(tx.manager, created, signature, request.signedOn, `signatories.${index}`));
        }
        tx.record(CompactSigned, {
          key: created.id,
          cityId: created.cityId,
          payload: {
            compactId: created.id,
            cityId: created.cityId,
            title: created.title,
            signedOn: created.signedOn,
            signatories: signatures.map(signatureFact),
          },
        });
        return created;
      }),
    );
    return this.describe(this.dataSource.manager, compact);
  }

  /** Identical concurrent compacts: the unique key lets one in and the others get the 409 the check gives. */
  private async withTitleConflict<T>(request: CreateCompactRequest, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new Problem(ProblemCode.AlreadyExists, `Compact ${request.title}, signed on ${request.signedOn}, already exists in this city`);
      throw error;
    }
  }

  async addSignatory(id: string, request: AddSignatoryRequest, principal: Principal): Promise<CompactResponse> {
    try {
      const compact = await this.unitOfWork.run(async (tx) => {
        const compact = await this.findCompact(tx.manager, id, principal);
        if (await tx.manager.existsBy(CompactSignatory, { compactId: compact.id, organizationId: request.organizationId })) {
          throw new Problem(ProblemCode.AlreadyExists, `Organization ${request.organizationId} already signed compact ${compact.id}`);
        }
        const signature = await this.sign(tx.manager, compact, request, request.signedOn ?? this.clock.today(), '');
        tx.record(CompactSignatoryAdded, {
          key: compact.id,
          cityId: compact.cityId,
          payload: { ...signatureFact(signature), compactId: compact.id, cityId: compact.cityId },
        });
        return compact;
      });
      return this.describe(this.dataSource.manager, compact);
    } catch (error) {
      // Two concurrent signatures of one organization: the unique key lets one in.
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, `Organization ${request.organizationId} already signed compact ${id}`);
      throw error;
    }
  }

  async get(id: string, principal: Principal): Promise<CompactResponse> {
    return this.describe(this.dataSource.manager, await this.findCompact(this.dataSource.manager, id, principal));
  }

  async list(query: CompactListQuery, principal: Principal): Promise<Page<CompactResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Compact, 'compact');
    const page = await fetchPage(select, query, (c) => c, { cityColumn: 'compact.cityId', cities: visibleCities(principal, query.cityId) });
    const items: CompactResponse[] = [];
    for (const compact of page.items) items.push(await this.describe(this.dataSource.manager, compact));
    return { items, nextCursor: page.nextCursor };
  }

  private async findCompact(manager: EntityManager, id: string, principal: Principal): Promise<Compact> {
    return visibleOrNotFound(principal, await manager.findOneBy(Compact, { id }), `Compact ${id}`);
  }

  /** Records one organization's signature with the role its signer held there on the signing day. */
  private async sign(manager: EntityManager, compact: Compact, signature: SignatureRequest, signedOn: string, field: string): Promise<CompactSignatory> {
    const prefix = field ? `${field}.` : '';
    const organization = await manager.findOneBy(Organization, { id: signature.organizationId });
    if (!organization) throw Problem.notFound(`Organization ${signature.organizationId}`);
    if (organization.cityId !== compact.cityId) {
      throw Problem.invalid([{ field: `${prefix}organizationId`, messages: [`organization ${organization.id} is not in the compact's city`] }]);
    }
    await requirePerson(manager, signature.personId);
    const held = await this.leadership.tenuresOn(manager, 'organization', organization.id, signedOn, { personId: signature.personId });
    const role = signingRole(
      held.map((t) => t.role),
      CHIEF,
    );
    const row = manager.create(CompactSignatory, {
      id: newId(),
      compactId: compact.id,
      organizationId: organization.id,
      personId: signature.personId,
      roleAtSigning: role,
      tenureId: held.find((t) => t.role === role)?.id ?? null,
      signedOn,
      recordedAt: new Date(),
    });
    await manager.insert(CompactSignatory, row);
    return row;
  }

  /** The compact as of today: who signed, whether they still hold the role they signed in, who leads now. */
  private async describe(manager: EntityManager, compact: Compact): Promise<CompactResponse> {
    const today = this.clock.today();
    const signatures = await manager.find(CompactSignatory, { where: { compactId: compact.id }, order: { signedOn: 'ASC', id: 'ASC' } });
    const organizations = await manager.findBy(Organization, { id: In(signatures.map((s) => s.organizationId)) });
    const people = await manager.findBy(Person, { id: In(signatures.map((s) => s.personId)) });
    const signatories: SignatoryResponse[] = [];
    for (const s of signatures) {
      const chief = (await this.leadership.tenuresOn(manager, 'organization', s.organizationId, today, { role: CHIEF }))[0];
      const stillInRole =
        s.roleAtSigning !== null &&
        (await this.leadership.tenuresOn(manager, 'organization', s.organizationId, today, { role: s.roleAtSigning, personId: s.personId })).length > 0;
      signatories.push({
        id: s.id,
        organizationId: s.organizationId,
        organizationName: organizations.find((o) => o.id === s.organizationId)?.name ?? '',
        personId: s.personId,
        fullName: people.find((p) => p.id === s.personId)?.fullName ?? '',
        roleAtSigning: s.roleAtSigning,
        signedOn: s.signedOn,
        stillInRole,
        currentChief: chief ? { personId: chief.personId, fullName: chief.fullName, since: chief.startDate } : null,
      });
    }
    return {
      id: compact.id,
      cityId: compact.cityId,
      title: compact.title,
      signedOn: compact.signedOn,
      createdAt: new Date(compact.createdAt).toISOString(),
      signatories,
    };
  }
}

function signatureFact(s: CompactSignatory): {
  signatoryId: string;
  organizationId: string;
  personId: string;
  roleAtSigning: string | null;
  tenureId: string | null;
  signedOn: string;
} {
  return {
    signatoryId: s.id,
    organizationId: s.organizationId,
    personId: s.personId,
    roleAtSigning: s.roleAtSigning,
    tenureId: s.tenureId,
    signedOn: s.signedOn,
  };
}

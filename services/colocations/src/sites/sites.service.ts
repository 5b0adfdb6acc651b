import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SiteCreated } from '@crosswalk/contracts';
import { assertCityAccess, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { UnitOfWork } from '@crosswalk/messaging';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { isUniqueViolation, nameKeyOf, newId } from '@crosswalk/persistence';
import { fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { type CreateSiteRequest, SiteResponse, type SiteQuery } from './dto/site.dto';
import { Site } from './site.entity';

@Injectable()
export class SitesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
  ) {}

  async create(request: CreateSiteRequest, principal: Principal): Promise<SiteResponse> {
    assertCityAccess(principal, request.cityId);
    const nameKey = nameKeyOf(request.name);
    const site = await this.withNameConflict(() =>
      this.unitOfWork.run(async (tx) => {
        // A site is published to the topics: one in a city the directory does not know would be an orphan there.
        if (!(await this.directory.city(tx.manager, request.cityId))) {
          throw Problem.invalid([{ field: 'cityId', messages: [`city ${request.cityId} is not known to the directory`] }]);
        }
        const same = await tx.manager.findOneBy(Site, { cityId: request.cityId, nameKey });
        if (same) throw new Problem(ProblemCode.AlreadyExists, `A site named ${same.name} already exists in this city (${same.id})`);
        const created = await tx.manager.save(
          tx.manager.create(Site, {
            id: newId(),
            name: request.name,
            nameKey,
            cityId: request.cityId,
            address: request.address ?? null,
            createdAt: new Date(),
          }),
        );
        tx.record(SiteCreated, {
          key: created.id,
          cityId: created.cityId,
          payload: { siteId: created.id, cityId: created.cityId, name: created.name, address: created.address },
        });
        return created;
      }),
    );
    return SiteResponse.of(site);
  }

  /** Identical concurrent sites: the unique key lets one in, and the others get the 409 the check gives. */
  private async withNameConflict<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, 'A site of that name already exists in this city');
      throw error;
    }
  }

  async get(id: string, principal: Principal): Promise<SiteResponse> {
    return SiteResponse.of(visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Site, { id }), `Site ${id}`));
  }

  list(query: SiteQuery, principal: Principal): Promise<Page<SiteResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Site, 'site');
    return fetchPage(select, query, SiteResponse.of, { cityColumn: 'site.cityId', cities: visibleCities(principal, query.cityId) });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SiteCreated } from '@crosswalk/contracts';
import { assertCityAccess, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { UnitOfWork } from '@crosswalk/messaging';
import { newId } from '@crosswalk/persistence';
import { fetchPage, type Page } from '@crosswalk/platform';
import { type CreateSiteRequest, SiteResponse, type SiteQuery } from './dto/site.dto';
import { Site } from './site.entity';

@Injectable()
export class SitesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create(request: CreateSiteRequest, principal: Principal): Promise<SiteResponse> {
    assertCityAccess(principal, request.cityId);
    const site = await this.unitOfWork.run(async (tx) => {
      const created = await tx.manager.save(
        tx.manager.create(Site, { id: newId(), name: request.name, cityId: request.cityId, address: request.address ?? null, createdAt: new Date() }),
      );
      tx.record(SiteCreated, {
        key: created.id,
        cityId: created.cityId,
        payload: { siteId: created.id, cityId: created.cityId, name: created.name, address: created.address },
      });
      return created;
    });
    return SiteResponse.of(site);
  }

  async get(id: string, principal: Principal): Promise<SiteResponse> {
    return SiteResponse.of(visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Site, { id }), `Site ${id}`));
  }

  list(query: SiteQuery, principal: Principal): Promise<Page<SiteResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Site, 'site');
    return fetchPage(select, query, SiteResponse.of, { cityColumn: 'site.cityId', cities: visibleCities(principal, query.cityId) });
  }
}

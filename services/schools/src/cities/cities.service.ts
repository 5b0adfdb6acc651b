import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CityCreated, type CityCreatedV1, CityUpdated } from '@crosswalk/contracts';
import { canAccessCity, visibleCities, type Principal } from '@crosswalk/auth';
import { UnitOfWork } from '@crosswalk/messaging';
import { isUniqueViolation, newId } from '@crosswalk/persistence';
import { fetchPage, type Page, type PageQuery } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { City } from './city.entity';
import { CityResponse, type CreateCityRequest, type UpdateCityRequest } from './dto/city.dto';

/** The city, if the caller may see it: 404 when unknown or outside the caller's cities, alike. */
export async function requireCity(manager: EntityManager, id: string, principal: Principal): Promise<City> {
  const city = await manager.findOneBy(City, { id });
  if (!city || !canAccessCity(principal, city.id)) throw Problem.notFound(`City ${id}`);
  return city;
}

/** The whole city as CityCreated and CityUpdated carry it; no `timeZone` when it has none. */
function payloadOf(city: City): CityCreatedV1 {
  return { cityId: city.id, name: city.name, state: city.state, ...(city.timeZone === null ? {} : { timeZone: city.timeZone }) };
}

@Injectable()
export class CitiesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create(request: CreateCityRequest): Promise<CityResponse> {
    try {
      const city = await this.unitOfWork.run(async (tx) => {
        const duplicate = await tx.manager.findOneBy(City, { name: request.name, state: request.state });
        if (duplicate) throw new Problem(ProblemCode.AlreadyExists, `City ${request.name}, ${request.state} already exists (${duplicate.id})`);
        const created = await tx.manager.save(
          tx.manager.create(City, { id: newId(), name: request.name, state: request.state, timeZone: request.timeZone ?? null, createdAt: new Date() }),
        );
        tx.record(CityCreated, { key: created.id, cityId: created.id, payload: payloadOf(created) });
        return created;
      });
      return CityResponse.of(city);
    } catch (error) {
      // Two concurrent requests for one city: the unique key decides, the loser gets the same 409.
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, `City ${request.name}, ${request.state} already exists`);
      throw error;
    }
  }

  async update(id: string, request: UpdateCityRequest, principal: Principal): Promise<CityResponse> {
    try {
      const city = await this.unitOfWork.run(async (tx) => {
        const city = await requireCity(tx.manager, id, principal);
        const name = request.name ?? city.name;
        const state = request.state ?? city.state;
        const timeZone = request.timeZone === undefined ? city.timeZone : request.timeZone;
        const duplicate = await tx.manager.findOneBy(City, { name, state });
        if (duplicate && duplicate.id !== city.id) throw new Problem(ProblemCode.AlreadyExists, `City ${name}, ${state} already exists (${duplicate.id})`);
        const saved = await tx.manager.save(Object.assign(city, { name, state, timeZone }));
        tx.record(CityUpdated, { key: saved.id, cityId: saved.id, payload: payloadOf(saved) });
        return saved;
      });
      return CityResponse.of(city);
    } catch (error) {
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, `City ${request.name ?? ''}, ${request.state ?? ''} already exists`);
      throw error;
    }
  }

  async get(id: string, principal: Principal): Promise<CityResponse> {
    return CityResponse.of(await requireCity(this.dataSource.manager, id, principal));
  }

  async list(query: PageQuery, principal: Principal): Promise<Page<CityResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(City, 'city');
    return fetchPage(select, query, CityResponse.of, { cityColumn: 'city.id', cities: visibleCities(principal) });
  }
}

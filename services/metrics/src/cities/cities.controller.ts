import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, visibleCities, type Principal } from '@crosswalk/auth';
import { PageQuery, fetchPage, type Page } from '@crosswalk/platform';
import { KnownCity } from './known-city.entity';

export class KnownCityResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() state!: string;
  @ApiProperty() joinedAt!: string;

  static of(city: KnownCity): KnownCityResponse {
    return { id: city.id, name: city.name, state: city.state, joinedAt: new Date(city.joinedAt).toISOString() };
  }
}

class KnownCityPage {
  @ApiProperty({ type: [KnownCityResponse] }) items!: KnownCityResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** The cities the metrics projections know of: the directory's cities as the events told them. */
@ApiTags('metrics')
@Controller('v1/metrics/cities')
export class CitiesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: KnownCityPage })
  async list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<KnownCityResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(KnownCity, 'city');
    return fetchPage(select, query, KnownCityResponse.of, { cityColumn: 'city.id', cities: visibleCities(principal) });
  }
}

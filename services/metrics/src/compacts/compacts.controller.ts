import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, visibleCities, type Principal } from '@crosswalk/auth';
import { columnsOf } from '../reporting/csv';
import { CityReportQuery, FormatQuery, report } from '../reporting/report';
import { CompactMetrics } from './compacts.service';
import { CityCompactsItem, CityCompactsReport, CompactMetricsResponse } from './dto/compact-metrics.dto';

const CITY_COLUMNS = columnsOf<CityCompactsItem>('cityId', 'compacts', 'signatories', 'inPost', 'inPostShare');
const COMPACT_COLUMNS = columnsOf<CompactMetricsResponse>('compactId', 'cityId', 'title', 'signatories', 'inPost', 'inPostShare');

/** Compact signatories still in post: whether the commitments outlast the leaders who signed them. */
@ApiTags('metrics')
@Controller('v1/metrics/compacts')
export class CompactsController {
  constructor(private readonly metrics: CompactMetrics) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CityCompactsReport })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async byCity(@Query() query: CityReportQuery, @CurrentPrincipal() principal: Principal): Promise<CityCompactsReport | StreamableFile> {
    const items = await this.metrics.byCity(visibleCities(principal, query.cityId));
    return report(query.format, { name: 'compacts', columns: CITY_COLUMNS, rows: items }, { items });
  }

  @Get(':id')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CompactMetricsResponse })
  @ApiNotFoundResponse({ description: "Unknown compact, or one in a city outside your token's cities" })
  async one(@Param('id') id: string, @Query() query: FormatQuery, @CurrentPrincipal() principal: Principal): Promise<CompactMetricsResponse | StreamableFile> {
    const compact = await this.metrics.one(id, principal);
    return report(query.format, { name: 'compact', columns: COMPACT_COLUMNS, rows: [compact] }, compact);
  }
}

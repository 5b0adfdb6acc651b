import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, visibleCities, type Principal } from '@crosswalk/auth';
import { columnsOf } from '../reporting/csv';
import { CityReportQuery, report } from '../reporting/report';
import { SurvivalItem, SurvivalReport } from './dto/survival.dto';
import { PartnershipMetrics } from './partnerships.service';

const COLUMNS = columnsOf<SurvivalItem>('cityId', 'transitionsFaced', 'recommitted', 'lapsed', 'pending', 'dissolved', 'survivalShare');

/** Colocation partnerships' survival across their member schools' leadership transitions. */
@ApiTags('metrics')
@Controller('v1/metrics/colocations')
export class PartnershipsController {
  constructor(private readonly metrics: PartnershipMetrics) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SurvivalReport })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async survival(@Query() query: CityReportQuery, @CurrentPrincipal() principal: Principal): Promise<SurvivalReport | StreamableFile> {
    const items = await this.metrics.survival(visibleCities(principal, query.cityId));
    return report(query.format, { name: 'colocations', columns: COLUMNS, rows: items }, { items });
  }
}

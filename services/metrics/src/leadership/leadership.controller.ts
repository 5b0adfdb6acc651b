import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, visibleCities, type Principal } from '@crosswalk/auth';
import { columnsOf } from '../reporting/csv';
import { CityReportQuery, report } from '../reporting/report';
import { TurnoverItem, TurnoverReport } from './dto/turnover.dto';
import { LeadershipMetrics } from './leadership.service';

const COLUMNS = columnsOf<TurnoverItem>('cityId', 'year', 'transitions', 'schoolsWithPrincipal', 'turnoverRate', 'chiefTransitions');

@ApiTags('metrics')
@Controller('v1/metrics/leadership')
export class LeadershipController {
  constructor(private readonly metrics: LeadershipMetrics) {}

  /** Principal turnover per city and year (and chief transitions), built from the leadership events. */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TurnoverReport })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async turnover(@Query() query: CityReportQuery, @CurrentPrincipal() principal: Principal): Promise<TurnoverReport | StreamableFile> {
    const items = await this.metrics.turnover(visibleCities(principal, query.cityId));
    return report(query.format, { name: 'leadership', columns: COLUMNS, rows: items }, { items });
  }
}

import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, visibleCities, type Principal } from '@crosswalk/auth';
import { type CsvColumns, columnsOf } from '../reporting/csv';
import { PeriodReportQuery, periodOf } from '../reporting/period';
import { CityReportQuery, report } from '../reporting/report';
import {
  CrossSectorItem,
  CrossSectorReport,
  NetworkItem,
  NetworkReport,
  ReachItem,
  ReachReport,
  type SatisfactionGrouping,
  SatisfactionItem,
  SatisfactionQuery,
  SatisfactionReport,
  SeriesItem,
  SeriesReport,
} from './dto/program-metrics.dto';
import { ProgramMetrics } from './programs.service';

const NETWORK_COLUMNS = columnsOf<NetworkItem>(
  'cityId',
  'cityName',
  'events',
  'sessions',
  'registrations',
  'attendances',
  'participants',
  'schools',
  'schoolLeaders',
);
const FIGURES = ['attendances', 'responses', 'responseRate', 'meanUsefulness', 'nps'] as const;
const SATISFACTION_COLUMNS: Record<SatisfactionGrouping, CsvColumns<SatisfactionItem>> = {
  city: columnsOf<SatisfactionItem>('cityId', 'cityName', ...FIGURES),
  event: columnsOf<SatisfactionItem>('eventId', 'seriesId', 'title', 'startsOn', 'cityId', 'cityName', ...FIGURES),
  series: columnsOf<SatisfactionItem>('seriesId', 'title', 'cityId', 'cityName', ...FIGURES),
};
const REACH_COLUMNS = columnsOf<ReachItem>(
  'cityId',
  'cityName',
  'participants',
  'newParticipants',
  'repeatParticipants',
  'schools',
  'newSchools',
  'repeatSchools',
  'schoolAttendances',
  'topSchools',
  'topSchoolsShare',
  'schoolsInCity',
  'neverReached',
);
const CROSS_SECTOR_COLUMNS = columnsOf<CrossSectorItem>('cityId', 'cityName', 'attendeeSector', 'hostSector', 'attendances');
const SERIES_COLUMNS = columnsOf<SeriesItem>(
  'seriesId',
  'cityId',
  'cityName',
  'title',
  'sessions',
  'requiredSessions',
  'status',
  'participants',
  'completed',
  'completionRate',
  'creditHours',
);

/**
 * Professional development from `events.programs.v1`: reach, satisfaction, reach beyond the early adopters,
 * the cross-sector mix and series completion. Periods are inclusive days on which the events started.
 */
@ApiTags('metrics')
@Controller('v1/metrics')
export class ProgramsController {
  constructor(private readonly metrics: ProgramMetrics) {}

  @Get('network')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: NetworkReport })
  @ApiBadRequestResponse({ description: 'A day that does not exist, or to before from' })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async network(@Query() query: PeriodReportQuery, @CurrentPrincipal() principal: Principal): Promise<NetworkReport | StreamableFile> {
    const period = periodOf(query);
    const body = await this.metrics.network(visibleCities(principal, query.cityId), period);
    return report(query.format, { name: 'network', columns: NETWORK_COLUMNS, rows: body.items }, body);
  }

  @Get('satisfaction')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SatisfactionReport })
  @ApiBadRequestResponse({ description: 'A day that does not exist, to before from, or an unknown grouping' })
  @ApiNotFoundResponse({ description: "cityId, eventId or seriesId is unknown or outside your token's cities" })
  async satisfaction(@Query() query: SatisfactionQuery, @CurrentPrincipal() principal: Principal): Promise<SatisfactionReport | StreamableFile> {
    const period = periodOf(query);
    const by: SatisfactionGrouping = query.by ?? (query.eventId !== undefined ? 'event' : query.seriesId !== undefined ? 'series' : 'city');
    const items = await this.metrics.satisfaction(principal, visibleCities(principal, query.cityId), period, { ...query, by });
    return report(query.format, { name: 'satisfaction', columns: SATISFACTION_COLUMNS[by], rows: items }, { items });
  }

  @Get('reach')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReachReport })
  @ApiBadRequestResponse({ description: 'A day that does not exist, or to before from' })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async reach(@Query() query: PeriodReportQuery, @CurrentPrincipal() principal: Principal): Promise<ReachReport | StreamableFile> {
    const period = periodOf(query);
    const items = await this.metrics.reach(visibleCities(principal, query.cityId), period);
    return report(query.format, { name: 'reach', columns: REACH_COLUMNS, rows: items }, { items });
  }

  @Get('cross-sector')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CrossSectorReport })
  @ApiBadRequestResponse({ description: 'A day that does not exist, or to before from' })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async crossSector(@Query() query: PeriodReportQuery, @CurrentPrincipal() principal: Principal): Promise<CrossSectorReport | StreamableFile> {
    const period = periodOf(query);
    const items = await this.metrics.crossSector(visibleCities(principal, query.cityId), period);
    return report(query.format, { name: 'cross-sector', columns: CROSS_SECTOR_COLUMNS, rows: items }, { items });
  }

  @Get('series')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SeriesReport })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities" })
  async series(@Query() query: CityReportQuery, @CurrentPrincipal() principal: Principal): Promise<SeriesReport | StreamableFile> {
    const items = await this.metrics.series(visibleCities(principal, query.cityId));
    return report(query.format, { name: 'series', columns: SERIES_COLUMNS, rows: items }, { items });
  }
}

import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, visibleCities } from '@crosswalk/auth';
import { type CsvColumns, columnsOf } from '../reporting/csv';
import { report } from '../reporting/report';
import { type FellowshipGrouping, FellowshipItem, FellowshipQuery, FellowshipReport, FlowItem, FlowQuery, FlowReport } from './dto/fellowship-metrics.dto';
import { FellowshipMetrics } from './fellowships.service';

const FIGURES = [
  'applied',
  'enrolled',
  'withdrawn',
  'notCompleted',
  'completed',
  'completionRate',
  'placed',
  'placedConfirmed',
  'placementRate',
  'placements',
  'confirmedPlacements',
  'retained1y',
  'left1y',
  'unknown1y',
  'retained2y',
  'left2y',
  'unknown2y',
  'retained3y',
  'left3y',
  'unknown3y',
  'mentorDepartures',
] as const;
const PROGRAM = ['programId', 'programName', 'programKind'] as const;
const COHORT = ['cohortId', 'cohortName'] as const;
const CITY = ['cityId', 'cityName'] as const;
/** Per grouping, and with or without a cohort filter (which puts the cohort on every row). */
const FELLOWSHIP_COLUMNS = (by: FellowshipGrouping, withCohort: boolean): CsvColumns<FellowshipItem> =>
  by === 'sector'
    ? columnsOf<FellowshipItem>(...PROGRAM, ...(withCohort ? COHORT : []), 'originSector', ...CITY, ...FIGURES)
    : columnsOf<FellowshipItem>(...PROGRAM, ...(by === 'cohort' || withCohort ? COHORT : []), ...CITY, ...FIGURES);
const FLOW_COLUMNS = (perCohort: boolean): CsvColumns<FlowItem> =>
  columnsOf<FlowItem>(
    'programId',
    'programName',
    ...(perCohort ? COHORT : []),
    ...CITY,
    'originSector',
    'placementSector',
    'placements',
    'confirmedPlacements',
  );

/**
 * Fellowships and residencies from `fellowships.programs.v1`: enrolment, completion, placement, retention and
 * mentor departures per program (cohort, origin sector) and city, and where placed fellows came from and went.
 */
@ApiTags('metrics')
@Controller('v1/metrics/fellowships')
export class FellowshipsController {
  constructor(private readonly metrics: FellowshipMetrics) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FellowshipReport })
  @ApiBadRequestResponse({ description: 'An unknown grouping or format' })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities, or programId or cohortId is unknown or serves none of them" })
  async fellowships(@Query() query: FellowshipQuery, @CurrentPrincipal() principal: Principal): Promise<FellowshipReport | StreamableFile> {
    const by = query.by ?? (query.cohortId !== undefined ? 'cohort' : 'program');
    const items = await this.metrics.fellowships(principal, visibleCities(principal, query.cityId), query, by);
    return report(query.format, { name: 'fellowships', columns: FELLOWSHIP_COLUMNS(by, query.cohortId !== undefined), rows: items }, { items });
  }

  @Get('flows')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FlowReport })
  @ApiBadRequestResponse({ description: 'An unknown grouping or format' })
  @ApiNotFoundResponse({ description: "cityId is outside your token's cities, or programId or cohortId is unknown or serves none of them" })
  async flows(@Query() query: FlowQuery, @CurrentPrincipal() principal: Principal): Promise<FlowReport | StreamableFile> {
    const by = query.by ?? (query.cohortId !== undefined ? 'cohort' : 'program');
    const items = await this.metrics.flows(principal, visibleCities(principal, query.cityId), query, by);
    return report(query.format, { name: 'fellowship-flows', columns: FLOW_COLUMNS(by === 'cohort' || query.cohortId !== undefined), rows: items }, { items });
  }
}

import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import type { StatusSetter } from '../registrations/registrations.controller';
import {
  ScheduleSeriesRequest,
  SeriesPage,
  SeriesQuery,
  SeriesRegisterRequest,
  SeriesRegistrationResponse,
  SeriesResponse,
  SeriesSummary,
} from './dto/series.dto';
import { SeriesService } from './series.service';

@ApiTags('events')
@Controller('v1/series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post()
  @ApiCreatedResponse({ type: SeriesResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, N above M (requiredSessions), unknown city, or a session that POST /v1/events would refuse (sessions.<i>.<field>)',
  })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst)' })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  schedule(@Body() request: ScheduleSeriesRequest, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.schedule(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: SeriesPage })
  @ApiBadRequestResponse()
  list(@Query() query: SeriesQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SeriesSummary>> {
    return this.series.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: SeriesResponse })
  @ApiNotFoundResponse({ description: "Unknown series, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SeriesResponse> {
    return this.series.get(id, principal);
  }

  @Post(':id/registrations')
  @ApiCreatedResponse({ type: SeriesRegistrationResponse, description: 'Registered or waitlisted at each session open to the person' })
  @ApiOkResponse({ type: SeriesRegistrationResponse, description: 'Nothing new: the person already had a live registration at every open session' })
  @ApiBadRequestResponse({ description: 'Unknown person' })
  @ApiForbiddenResponse({ description: 'Your role may not write, or may not backfill (only network admins and city operators)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No session is open to the person: every one is closed, cancelled or outside its window (registration_refused)' })
  async register(
    @Param('id') id: string,
    @Body() request: SeriesRegisterRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<SeriesRegistrationResponse> {
    const { answer, created } = await this.series.register(id, request.personId, principal, { backfill: request.backfill ?? false });
    if (!created) response.status(200);
    return answer;
  }
}

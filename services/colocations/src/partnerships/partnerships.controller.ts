import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import {
  FormPartnershipRequest,
  GracePeriodEvaluationRequest,
  GracePeriodEvaluationResponse,
  PartnershipPage,
  PartnershipQuery,
  PartnershipResponse,
  RecommitRequest,
} from './dto/partnership.dto';
import { PartnershipsService } from './partnerships.service';

@ApiTags('colocations')
@Controller('v1/colocations')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @ApiCreatedResponse({ type: PartnershipResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, unknown site or schools, closed schools, another city, fewer than two sectors' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  form(@Body() request: FormPartnershipRequest, @CurrentPrincipal() principal: Principal): Promise<PartnershipResponse> {
    return this.partnerships.form(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: PartnershipPage })
  list(@Query() query: PartnershipQuery, @CurrentPrincipal() principal: Principal): Promise<Page<PartnershipResponse>> {
    return this.partnerships.list(query, principal);
  }

  /** The same evaluation the scheduled job runs, for a chosen day (network admins only: it changes every city). */
  @Post('grace-period-evaluations')
  @Roles('network_admin')
  @ApiCreatedResponse({ type: GracePeriodEvaluationResponse })
  evaluate(@Body() request: GracePeriodEvaluationRequest): Promise<GracePeriodEvaluationResponse> {
    return this.partnerships.evaluateGracePeriods(request.asOf);
  }

  @Get(':id')
  @ApiOkResponse({ type: PartnershipResponse })
  @ApiNotFoundResponse({ description: "Unknown partnership, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<PartnershipResponse> {
    return this.partnerships.get(id, principal);
  }

  @Post(':id/recommitments')
  @ApiCreatedResponse({ type: PartnershipResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Nothing pending for that school, the grace period is over, or the person is not its current principal' })
  recommit(@Param('id') id: string, @Body() request: RecommitRequest, @CurrentPrincipal() principal: Principal): Promise<PartnershipResponse> {
    return this.partnerships.recommit(id, request, principal);
  }
}

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
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import { CohortsService } from './cohorts.service';
import {
  CancelCohortRequest,
  CohortMoveRequest,
  CohortPage,
  CohortQuery,
  CohortResponse,
  ConfirmHostSiteRequest,
  ScheduleCohortRequest,
} from './dto/cohort.dto';

@ApiTags('fellowships')
@Controller('v1')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post('fellowship-programs/:id/cohorts')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiBadRequestResponse({
    description:
      "Invalid body, dates out of order, an unknown or closed host school or one outside the program's cities, a mentor holding no role at the host school",
  })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "Unknown program, or one serving none of your token's cities" })
  @ApiConflictResponse({ description: 'The program is discontinued (fellowship_refused, reason program_discontinued)' })
  schedule(@Param('id') programId: string, @Body() request: ScheduleCohortRequest, @CurrentPrincipal() principal: Principal): Promise<CohortResponse> {
    return this.cohorts.schedule(programId, request, principal);
  }

  @Get('cohorts')
  @ApiOkResponse({ type: CohortPage })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  list(@Query() query: CohortQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CohortResponse>> {
    return this.cohorts.list(query, principal);
  }

  @Get('cohorts/:id')
  @ApiOkResponse({ type: CohortResponse })
  @ApiNotFoundResponse({ description: "Unknown cohort, or one whose program serves none of your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CohortResponse> {
    return this.cohorts.get(id, principal);
  }

  @Post('cohorts/:id/start')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiBadRequestResponse({ description: "A day before the cohort's latest status change" })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The cohort is not planned (fellowship_refused, reason cohort_status_conflict)' })
  start(@Param('id') id: string, @Body() request: CohortMoveRequest, @CurrentPrincipal() principal: Principal): Promise<CohortResponse> {
    return this.cohorts.start(id, request, principal);
  }

  @Post('cohorts/:id/complete')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiBadRequestResponse({ description: "A day before the cohort's latest status change" })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The cohort is not active (fellowship_refused, reason cohort_status_conflict)' })
  complete(@Param('id') id: string, @Body() request: CohortMoveRequest, @CurrentPrincipal() principal: Principal): Promise<CohortResponse> {
    return this.cohorts.complete(id, request, principal);
  }

  @Post('cohorts/:id/cancel')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiBadRequestResponse({ description: "A day before the cohort's latest status change" })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The cohort is completed or cancelled (fellowship_refused, reason cohort_status_conflict)' })
  cancel(@Param('id') id: string, @Body() request: CancelCohortRequest, @CurrentPrincipal() principal: Principal): Promise<CohortResponse> {
    return this.cohorts.cancel(id, request, principal);
  }

  @Post('cohorts/:id/host-schools/:schoolId/confirmations')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({ description: 'Unknown cohort, or a school that is not one of its host schools' })
  @ApiConflictResponse({
    description:
      'Not awaiting confirmation, or the person is not the current principal (fellowship_refused, reason not_awaiting_confirmation | not_current_principal)',
  })
  confirm(
    @Param('id') id: string,
    @Param('schoolId') schoolId: string,
    @Body() request: ConfirmHostSiteRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CohortResponse> {
    return this.cohorts.confirmHostSite(id, schoolId, request, principal);
  }
}

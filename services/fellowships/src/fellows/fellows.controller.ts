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
import { AddFellowRequest, AssignMentorRequest, ChangeStageRequest, FellowPage, FellowQuery, FellowResponse, RecordRequirementRequest } from './dto/fellow.dto';
import { FellowsService } from './fellows.service';

@ApiTags('fellowships')
@Controller('v1')
export class FellowsController {
  constructor(private readonly fellows: FellowsService) {}

  @Post('cohorts/:id/fellows')
  @ApiCreatedResponse({ type: FellowResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, or a person the directory does not know' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "Unknown cohort, or one whose program serves none of your token's cities" })
  @ApiConflictResponse({
    description:
      'Already a fellow of this cohort, still in another live cohort of the program, or the cohort is closed (fellowship_refused, reason already_in_cohort | in_another_active_cohort | cohort_closed)',
  })
  add(@Param('id') cohortId: string, @Body() request: AddFellowRequest, @CurrentPrincipal() principal: Principal): Promise<FellowResponse> {
    return this.fellows.add(cohortId, request, principal);
  }

  @Get('fellows')
  @ApiOkResponse({ type: FellowPage })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  list(@Query() query: FellowQuery, @CurrentPrincipal() principal: Principal): Promise<Page<FellowResponse>> {
    return this.fellows.list(query, principal);
  }

  @Get('fellows/:id')
  @ApiOkResponse({ type: FellowResponse })
  @ApiNotFoundResponse({ description: "Unknown fellow, or one whose program serves none of your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<FellowResponse> {
    return this.fellows.get(id, principal);
  }

  @Post('fellows/:id/stages')
  @ApiCreatedResponse({ type: FellowResponse })
  @ApiBadRequestResponse({ description: "A date before the fellow's latest stage change, or an exit without a reason" })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'A move the stage machine refuses (fellowship_refused, reason stage_skipped | stage_final | stage_unchanged | cohort_closed)',
  })
  changeStage(@Param('id') id: string, @Body() request: ChangeStageRequest, @CurrentPrincipal() principal: Principal): Promise<FellowResponse> {
    return this.fellows.changeStage(id, request, principal);
  }

  @Post('fellows/:id/requirements/:requirementId')
  @ApiCreatedResponse({ type: FellowResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({ description: "Unknown fellow, or a requirement that is not their program's" })
  recordRequirement(
    @Param('id') id: string,
    @Param('requirementId') requirementId: string,
    @Body() request: RecordRequirementRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FellowResponse> {
    return this.fellows.recordRequirement(id, requirementId, request, principal);
  }

  @Post('fellows/:id/mentorships')
  @ApiCreatedResponse({ type: FellowResponse })
  @ApiBadRequestResponse({ description: "Not one of the cohort's host schools, a mentor holding no role there, or a start before the previous mentorship's" })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The fellow is in a final stage (fellowship_refused, reason fellow_finished)' })
  assignMentor(@Param('id') id: string, @Body() request: AssignMentorRequest, @CurrentPrincipal() principal: Principal): Promise<FellowResponse> {
    return this.fellows.assignMentor(id, request, principal);
  }
}

import { Body, Controller, Get, Param, Post, Query, type Type } from '@nestjs/common';
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
import type { HolderKind } from '@crosswalk/contracts';
import {
  CorrectionRequest,
  LeadershipHistoryResponse,
  RoleHoldersQuery,
  RoleHoldersResponse,
  RoleQuery,
  TransitionRequest,
  TransitionResponse,
} from './dto/leadership.dto';
import { Clock } from '@crosswalk/platform';
import { LeadershipService } from './leadership.service';

/** The same leadership routes under `/v1/schools/:id` and `/v1/organizations/:id`, one controller per holder kind. */
function leadershipController(kind: HolderKind, path: string, tag: string): Type<unknown> {
  @ApiTags(tag)
  @Controller(path)
  class LeadershipController {
    constructor(
      readonly leadership: LeadershipService,
      readonly clock: Clock,
    ) {}

    @Post(':id/leadership-transitions')
    @Roles('network_admin', 'city_operator')
    @ApiCreatedResponse({ type: TransitionResponse })
    @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
    @ApiNotFoundResponse({ description: `Unknown ${kind} or incoming person, or a ${kind} in a city outside your token's cities` })
    @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
    @ApiConflictResponse({ description: 'Changes nothing, contradicts the recorded tenures, or the school is closed' })
    transition(@Param('id') id: string, @Body() request: TransitionRequest, @CurrentPrincipal() principal: Principal): Promise<TransitionResponse> {
      return this.leadership.transition(kind, id, request, principal);
    }

    @Post(':id/leadership-transitions/:transitionId/corrections')
    @Roles('network_admin', 'city_operator')
    @ApiCreatedResponse({ type: TransitionResponse, description: 'The correcting transition; the original stays readable, flagged superseded' })
    @ApiNotFoundResponse()
    @ApiForbiddenResponse()
    @ApiConflictResponse({ description: 'Not the latest transition of its role, already corrected, or the corrected change contradicts the history' })
    correct(
      @Param('id') id: string,
      @Param('transitionId') transitionId: string,
      @Body() request: CorrectionRequest,
      @CurrentPrincipal() principal: Principal,
    ): Promise<TransitionResponse> {
      return this.leadership.correct(kind, id, transitionId, request, principal);
    }

    @Get(':id/leadership-history')
    @ApiOkResponse({ type: LeadershipHistoryResponse })
    @ApiNotFoundResponse()
    @ApiForbiddenResponse()
    history(@Param('id') id: string, @Query() query: RoleQuery, @CurrentPrincipal() principal: Principal): Promise<LeadershipHistoryResponse> {
      return this.leadership.history(kind, id, query.role, principal);
    }

    @Get(':id/role-holders')
    @ApiOkResponse({ type: RoleHoldersResponse, description: 'Who held the role on that day (corrections applied)' })
    @ApiNotFoundResponse()
    @ApiForbiddenResponse()
    roleHolders(@Param('id') id: string, @Query() query: RoleHoldersQuery, @CurrentPrincipal() principal: Principal): Promise<RoleHoldersResponse> {
      return this.leadership.roleHolders(kind, id, query.role, query.on ?? this.clock.today(), principal);
    }
  }
  Object.defineProperty(LeadershipController, 'name', { value: `${tag[0].toUpperCase()}${tag.slice(1)}LeadershipController` });
  return LeadershipController;
}

export const SchoolLeadershipController = leadershipController('school', 'v1/schools', 'schools');
export const OrganizationLeadershipController = leadershipController('organization', 'v1/organizations', 'organizations');

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
import { CompactsService } from './compacts.service';
import { AddSignatoryRequest, CompactListQuery, CompactPage, CompactResponse, CreateCompactRequest } from './dto/compact.dto';

@ApiTags('compacts')
@Controller('v1/compacts')
export class CompactsController {
  constructor(private readonly compacts: CompactsService) {}

  @Post()
  @Roles('network_admin', 'city_operator')
  @ApiCreatedResponse({ type: CompactResponse })
  @ApiBadRequestResponse({ description: "Invalid body, an organization twice, or an organization outside the compact's city" })
  @ApiNotFoundResponse({ description: "Unknown city, organization or person, or a city outside your token's cities" })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  create(@Body() request: CreateCompactRequest, @CurrentPrincipal() principal: Principal): Promise<CompactResponse> {
    return this.compacts.create(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: CompactPage })
  list(@Query() query: CompactListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CompactResponse>> {
    return this.compacts.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({
    type: CompactResponse,
    description: "Each signatory with whether the signer still holds the role they signed in, and the organization's current chief",
  })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CompactResponse> {
    return this.compacts.get(id, principal);
  }

  @Post(':id/signatories')
  @Roles('network_admin', 'city_operator')
  @ApiCreatedResponse({ type: CompactResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  @ApiConflictResponse({ description: 'The organization already signed this compact' })
  addSignatory(@Param('id') id: string, @Body() request: AddSignatoryRequest, @CurrentPrincipal() principal: Principal): Promise<CompactResponse> {
    return this.compacts.addSignatory(id, request, principal);
  }
}

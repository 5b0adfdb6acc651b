import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CreateOrganizationRequest, OrganizationListQuery, OrganizationPage, OrganizationResponse, UpdateOrganizationRequest } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('network_admin', 'city_operator')
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
  @ApiNotFoundResponse({ description: "Unknown city, or one outside your token's cities" })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiConflictResponse({ description: 'The NCES LEA id belongs to another organization' })
  create(@Body() request: CreateOrganizationRequest, @CurrentPrincipal() principal: Principal): Promise<OrganizationResponse> {
    return this.organizations.create(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: OrganizationPage })
  list(@Query() query: OrganizationListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<OrganizationResponse>> {
    return this.organizations.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiNotFoundResponse({ description: "Unknown organization, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<OrganizationResponse> {
    return this.organizations.get(id, principal);
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  @ApiConflictResponse({ description: 'The NCES LEA id belongs to another organization' })
  update(@Param('id') id: string, @Body() request: UpdateOrganizationRequest, @CurrentPrincipal() principal: Principal): Promise<OrganizationResponse> {
    return this.organizations.update(id, request, principal);
  }
}

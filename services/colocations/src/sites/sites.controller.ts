import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import { CreateSiteRequest, SitePage, SiteQuery, SiteResponse } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@Controller('v1/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @ApiCreatedResponse({ type: SiteResponse })
  @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
  @ApiNotFoundResponse({ description: "The city is outside your token's cities" })
  create(@Body() request: CreateSiteRequest, @CurrentPrincipal() principal: Principal): Promise<SiteResponse> {
    return this.sites.create(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: SitePage })
  list(@Query() query: SiteQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SiteResponse>> {
    return this.sites.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: SiteResponse })
  @ApiNotFoundResponse({ description: "Unknown site, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SiteResponse> {
    return this.sites.get(id, principal);
  }
}

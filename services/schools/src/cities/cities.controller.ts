import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@crosswalk/auth';
import { PageQuery, type Page } from '@crosswalk/platform';
import { CitiesService } from './cities.service';
import { CityPage, CityResponse, CreateCityRequest, UpdateCityRequest } from './dto/city.dto';

@ApiTags('cities')
@Controller('v1/cities')
export class CitiesController {
  constructor(private readonly cities: CitiesService) {}

  /** Cities define operators' scopes, so only network admins add them. */
  @Post()
  @Roles('network_admin')
  @ApiCreatedResponse({ type: CityResponse })
  @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
  @ApiConflictResponse({ description: 'A city with this name already exists in this state' })
  create(@Body() request: CreateCityRequest): Promise<CityResponse> {
    return this.cities.create(request);
  }

  @Get()
  @ApiOkResponse({ type: CityPage })
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CityResponse>> {
    return this.cities.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: CityResponse })
  @ApiNotFoundResponse({ description: "Unknown city, or one outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CityResponse> {
    return this.cities.get(id, principal);
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('network_admin')
  @ApiOkResponse({ type: CityResponse, description: 'The whole city after the change; CityUpdated carries the same' })
  @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another city already has this name in this state' })
  update(@Param('id') id: string, @Body() request: UpdateCityRequest, @CurrentPrincipal() principal: Principal): Promise<CityResponse> {
    return this.cities.update(id, request, principal);
  }
}

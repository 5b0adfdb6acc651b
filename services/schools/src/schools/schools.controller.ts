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
import { CloseSchoolRequest, CreateSchoolRequest, SchoolListQuery, SchoolPage, SchoolResponse, UpdateSchoolRequest } from './dto/school.dto';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@Controller('v1/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  @Roles('network_admin', 'city_operator')
  @ApiCreatedResponse({ type: SchoolResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, or an operator organization that does not exist or is in another city' })
  @ApiNotFoundResponse({ description: "Unknown city, or one outside your token's cities" })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiConflictResponse({ description: 'The NCES school id belongs to another school' })
  create(@Body() request: CreateSchoolRequest, @CurrentPrincipal() principal: Principal): Promise<SchoolResponse> {
    return this.schools.create(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: SchoolPage })
  list(@Query() query: SchoolListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SchoolResponse>> {
    return this.schools.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: SchoolResponse })
  @ApiNotFoundResponse({ description: "Unknown school, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SchoolResponse> {
    return this.schools.get(id, principal);
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: SchoolResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  @ApiConflictResponse({ description: 'The NCES school id belongs to another school' })
  update(@Param('id') id: string, @Body() request: UpdateSchoolRequest, @CurrentPrincipal() principal: Principal): Promise<SchoolResponse> {
    return this.schools.update(id, request, principal);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: SchoolResponse, description: 'The closed school; its open tenures ended on effectiveDate' })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  @ApiConflictResponse({ description: 'Already closed, or an open tenure starts after the closing date' })
  close(@Param('id') id: string, @Body() request: CloseSchoolRequest, @CurrentPrincipal() principal: Principal): Promise<SchoolResponse> {
    return this.schools.close(id, request, principal);
  }
}

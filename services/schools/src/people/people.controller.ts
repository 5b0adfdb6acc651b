import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import { CreatePersonRequest, PersonListQuery, PersonPage, PersonResponse, UpdatePersonRequest } from './dto/person.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Controller('v1/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @Roles('network_admin', 'city_operator')
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiBadRequestResponse({ description: 'Invalid body; `errors` names each offending field' })
  @ApiConflictResponse({ description: 'Another person has this email (case-insensitive)' })
  create(@Body() request: CreatePersonRequest): Promise<PersonResponse> {
    return this.people.create(request);
  }

  @Get()
  @ApiOkResponse({ type: PersonPage })
  list(@Query() query: PersonListQuery): Promise<Page<PersonResponse>> {
    return this.people.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<PersonResponse> {
    return this.people.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another person has this email (case-insensitive)' })
  update(@Param('id') id: string, @Body() request: UpdatePersonRequest): Promise<PersonResponse> {
    return this.people.update(id, request);
  }
}

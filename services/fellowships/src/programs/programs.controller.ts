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
import { CreateProgramRequest, DiscontinueProgramRequest, ProgramPage, ProgramQuery, ProgramResponse } from './dto/program.dto';
import { ProgramsService } from './programs.service';

@ApiTags('fellowships')
@Controller('v1/fellowship-programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProgramResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, or a city the directory does not know' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "A city outside your token's cities" })
  create(@Body() request: CreateProgramRequest, @CurrentPrincipal() principal: Principal): Promise<ProgramResponse> {
    return this.programs.create(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: ProgramPage })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  list(@Query() query: ProgramQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ProgramResponse>> {
    return this.programs.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgramResponse })
  @ApiNotFoundResponse({ description: "Unknown program, or one serving none of your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ProgramResponse> {
    return this.programs.get(id, principal);
  }

  @Post(':id/discontinue')
  @ApiCreatedResponse({ type: ProgramResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already discontinued (fellowship_refused, reason program_discontinued)' })
  discontinue(@Param('id') id: string, @Body() request: DiscontinueProgramRequest, @CurrentPrincipal() principal: Principal): Promise<ProgramResponse> {
    return this.programs.discontinue(id, request, principal);
  }
}

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
import { type Page, PageQuery } from '@crosswalk/platform';
import { SatisfactionView, SubmitSurveyRequest, SurveyPage, SurveyResponseView } from './dto/survey.dto';
import { SurveysService } from './surveys.service';

@ApiTags('events')
@Controller('v1/events')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post(':id/surveys')
  @ApiCreatedResponse({ type: SurveyResponseView, description: 'The response at its new revision (1 for a first answer)' })
  @ApiBadRequestResponse({ description: 'A score out of its scale, an unknown intent, a comment over 4000 characters' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The person did not attend the event (survey_refused, reason not_an_attendee)' })
  submit(@Param('id') id: string, @Body() request: SubmitSurveyRequest, @CurrentPrincipal() principal: Principal): Promise<SurveyResponseView> {
    return this.surveys.submit(id, request, principal);
  }

  /** Comments may name people: network admins and the city's operators only. */
  @Get(':id/surveys')
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: SurveyPage })
  @ApiForbiddenResponse({ description: 'Network admins and city operators only' })
  @ApiNotFoundResponse()
  list(@Param('id') id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SurveyResponseView>> {
    return this.surveys.list(id, query, principal);
  }

  @Get(':id/satisfaction')
  @ApiOkResponse({ type: SatisfactionView })
  @ApiNotFoundResponse()
  satisfaction(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SatisfactionView> {
    return this.surveys.satisfaction(id, principal);
  }
}

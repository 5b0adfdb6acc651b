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
import { CancelEventRequest, EventPage, EventQuery, EventResponse, RescheduleEventRequest, ScheduleEventRequest } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiCreatedResponse({ type: EventResponse })
  @ApiBadRequestResponse({ description: 'Invalid body or schedule, unknown city, unknown, closed or out-of-city host school' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  schedule(@Body() request: ScheduleEventRequest, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.schedule(request, principal);
  }

  @Get()
  @ApiOkResponse({ type: EventPage })
  @ApiBadRequestResponse()
  list(@Query() query: EventQuery, @CurrentPrincipal() principal: Principal): Promise<Page<EventResponse>> {
    return this.events.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: EventResponse })
  @ApiNotFoundResponse({ description: "Unknown event, or one in a city outside your token's cities" })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.get(id, principal);
  }

  @Post(':id/reschedule')
  @ApiCreatedResponse({ type: EventResponse })
  @ApiBadRequestResponse({ description: 'Invalid or unchanged times' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The event is not scheduled or has started (event_state_conflict)' })
  reschedule(@Param('id') id: string, @Body() request: RescheduleEventRequest, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.reschedule(id, request, principal);
  }

  @Post(':id/cancel')
  @ApiCreatedResponse({ type: EventResponse })
  @ApiBadRequestResponse({ description: 'No reason given' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The event is not scheduled (event_state_conflict)' })
  cancel(@Param('id') id: string, @Body() request: CancelEventRequest, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.cancel(id, request, principal);
  }

  @Post(':id/close')
  @ApiCreatedResponse({ type: EventResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The event is not scheduled or has not ended (event_state_conflict)' })
  close(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.close(id, principal);
  }
}

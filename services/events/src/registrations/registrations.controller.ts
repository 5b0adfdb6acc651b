import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
import { OfferExpiryRequest, OfferExpiryResponse, RegisterRequest, RegistrationPage, RegistrationQuery, RegistrationResponse } from './dto/registration.dto';
import { RegistrationsService } from './registrations.service';

/** The passthrough response, only to answer 200 rather than 201 when nothing was created. */
export interface StatusSetter {
  status(code: number): unknown;
}

@ApiTags('events')
@Controller('v1/events')
export class EventRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  /** The same run the scheduled job makes, as of a chosen instant (network admins only: it changes every city). */
  @Post('offer-expiries')
  @Roles('network_admin')
  @ApiCreatedResponse({ type: OfferExpiryResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse({ description: 'Network admins only' })
  async expire(@Body() request: OfferExpiryRequest): Promise<OfferExpiryResponse> {
    return this.registrations.expireOffers(request.asOf ? new Date(request.asOf) : undefined);
  }

  @Post(':id/registrations')
  @ApiCreatedResponse({ type: RegistrationResponse, description: 'Registered (a seat) or waitlisted' })
  @ApiOkResponse({ type: RegistrationResponse, description: 'The person already had a live registration: that one' })
  @ApiBadRequestResponse({ description: 'Unknown person' })
  @ApiForbiddenResponse({ description: 'Your role may not write, or may not backfill (only network admins and city operators)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'Outside the registration window (reason registration_not_open, registration_closed), or the event is cancelled or closed (event_not_scheduled)',
  })
  async register(
    @Param('id') id: string,
    @Body() request: RegisterRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<RegistrationResponse> {
    const { registration, created } = await this.registrations.register(id, request.personId, principal, { backfill: request.backfill ?? false });
    if (!created) response.status(200);
    return registration;
  }

  @Get(':id/registrations')
  @ApiOkResponse({ type: RegistrationPage })
  @ApiNotFoundResponse()
  list(@Param('id') id: string, @Query() query: RegistrationQuery, @CurrentPrincipal() principal: Principal): Promise<Page<RegistrationResponse>> {
    return this.registrations.listForEvent(id, query, principal);
  }
}

@ApiTags('events')
@Controller('v1/registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get(':id')
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiNotFoundResponse()
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RegistrationResponse> {
    return this.registrations.get(id, principal);
  }

  @Post(':id/cancel')
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not registered, waitlisted or offered (registration_refused)' })
  cancel(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RegistrationResponse> {
    return this.registrations.cancel(id, principal);
  }

  @Post(':id/accept')
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No open offer, or it expired (registration_refused)' })
  accept(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RegistrationResponse> {
    return this.registrations.accept(id, principal);
  }

  @Post(':id/decline')
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No open offer (registration_refused)' })
  decline(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RegistrationResponse> {
    return this.registrations.decline(id, principal);
  }
}

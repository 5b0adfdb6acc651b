import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import { Public } from '@crosswalk/observability';
import type { Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { CalendarSubscriptionsService } from './calendar-subscriptions.service';
import { CalendarsService } from './calendars.service';
import { CreateSubscriptionRequest, CreatedSubscriptionResponse, SubscriptionPage, SubscriptionQuery, SubscriptionResponse } from './dto/calendar.dto';

const CALENDAR = 'text/calendar; charset=utf-8';
// A feed changes whenever an operator changes an event: a client may keep it but asks again (ETag) each time.
const REVALIDATE = 'private, no-cache';
const FEED = { description: 'An iCalendar (RFC 5545) feed', content: { 'text/calendar': { schema: { type: 'string' } } } };

/** The passthrough response, only to set Retry-After on a refused fetch. */
interface HeaderSetter {
  setHeader(name: string, value: string): unknown;
}

@ApiTags('calendars')
@Controller('v1/calendars')
export class CalendarsController {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly subscriptions: CalendarSubscriptionsService,
  ) {}

  @Get('cities/:cityId.ics')
  @Header('Content-Type', CALENDAR)
  @Header('Cache-Control', REVALIDATE)
  @ApiProduces('text/calendar')
  @ApiOkResponse(FEED)
  @ApiNotFoundResponse({ description: "Unknown city, or one outside your token's cities" })
  cityFeed(@Param('cityId') cityId: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.calendars.cityFeedFor(principal, cityId);
  }

  @Get('people/:personId.ics')
  @Header('Content-Type', CALENDAR)
  @Header('Cache-Control', REVALIDATE)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ ...FEED, description: "An iCalendar feed of the person's events in your cities" })
  @ApiNotFoundResponse({ description: 'Unknown person' })
  personFeed(@Param('personId') personId: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.calendars.personFeedFor(principal, personId);
  }

  @Post('subscriptions')
  @ApiCreatedResponse({ type: CreatedSubscriptionResponse, description: 'The URL is shown this once' })
  @ApiBadRequestResponse({ description: 'Neither or both of cityId and personId, unknown city or person' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  create(@Body() request: CreateSubscriptionRequest, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<CreatedSubscriptionResponse> {
    return this.subscriptions.create(request, principal, publicBaseUrl(req));
  }

  @Get('subscriptions')
  @ApiOkResponse({ type: SubscriptionPage })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  list(@Query() query: SubscriptionQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SubscriptionResponse>> {
    return this.subscriptions.list(query, principal);
  }

  @Post('subscriptions/:id/revoke')
  @ApiCreatedResponse({ type: SubscriptionResponse, description: 'Revoked (or already revoked): its URL answers 404 from now on' })
  @ApiNotFoundResponse({ description: 'Unknown subscription, or one showing a city outside your token' })
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubscriptionResponse> {
    return this.subscriptions.revoke(id, principal);
  }

  /** What calendar apps fetch: no token, the secret in the URL is the credential. */
  @Public()
  @Get('subscriptions/:secret.ics')
  @Header('Content-Type', CALENDAR)
  @Header('Cache-Control', REVALIDATE)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ ...FEED, description: 'The feed the subscription serves (no token: the secret is the credential)' })
  @ApiNotFoundResponse({ description: 'Unknown or revoked secret' })
  @ApiTooManyRequestsResponse({ description: 'This URL was fetched too often; Retry-After says when to come back' })
  async subscribed(@Param('secret') secret: string, @Res({ passthrough: true }) response: HeaderSetter): Promise<string> {
    const allowance = this.subscriptions.takeFetch(secret);
    if (!allowance.allowed) {
      // Set before throwing: the problem filter writes the document and keeps headers already set.
      response.setHeader('Retry-After', String(allowance.retryAfterSeconds));
      throw new Problem(ProblemCode.RateLimited, `This calendar URL was fetched too often; retry in ${allowance.retryAfterSeconds} s`);
    }
    return this.subscriptions.feed(secret);
  }
}

const FORWARDED_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Where the caller reached the API, for the URL it is handed: the gateway's address as the client used it
 * (X-Forwarded-Host/-Proto, which the gateway sets), else this service's own. The first value of a list is
 * the one the client sent to the outermost proxy; a malformed host is ignored.
 */
function publicBaseUrl(req: Pick<Request, 'headers' | 'protocol'>): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const forwardedHost = first(req.headers['x-forwarded-host']);
  const host = forwardedHost && FORWARDED_HOST.test(forwardedHost) ? forwardedHost : (req.headers.host ?? 'localhost');
  const proto = first(req.headers['x-forwarded-proto']);
  return `${proto === 'https' || proto === 'http' ? proto : req.protocol}://${host}`;
}

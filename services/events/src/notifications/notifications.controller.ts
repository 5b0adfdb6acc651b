import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import { DeliveryRequest, DeliveryResponse, NotificationPage, NotificationQuery, NotificationView } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** What people were told. Emails name people and carry their addresses: network admins and the city's operators only. */
@ApiTags('notifications')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: NotificationPage })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse({ description: 'Network admins and city operators only' })
  @ApiNotFoundResponse({ description: 'A cityId outside your cities' })
  list(@Query() query: NotificationQuery, @CurrentPrincipal() principal: Principal): Promise<Page<NotificationView>> {
    return this.notifications.list(query, principal);
  }

  /** The same run the scheduled job makes, as of a chosen instant (network admins only: it sends for every city). */
  @Post('deliveries')
  @Roles('network_admin')
  @ApiCreatedResponse({ type: DeliveryResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse({ description: 'Network admins only' })
  deliver(@Body() request: DeliveryRequest): Promise<DeliveryResponse> {
    return this.notifications.deliverDue(request.asOf ? new Date(request.asOf) : undefined);
  }

  @Get(':id')
  @Roles('network_admin', 'city_operator')
  @ApiOkResponse({ type: NotificationView })
  @ApiForbiddenResponse({ description: 'Network admins and city operators only' })
  @ApiNotFoundResponse()
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<NotificationView> {
    return this.notifications.get(id, principal);
  }
}

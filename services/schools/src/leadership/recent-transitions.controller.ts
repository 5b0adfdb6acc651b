import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import type { Page } from '@crosswalk/platform';
import { RecentTransitionPage, type RecentTransitionResponse, RecentTransitionsQuery } from './dto/recent-transitions.dto';
import { RecentTransitionsService } from './recent-transitions.service';

@ApiTags('leadership')
@Controller('v1/leadership-transitions')
export class RecentTransitionsController {
  constructor(private readonly transitions: RecentTransitionsService) {}

  @Get()
  @ApiOkResponse({ type: RecentTransitionPage, description: 'Transitions at schools and organizations, oldest recorded first, with the names to show' })
  @ApiNotFoundResponse({ description: "A cityId outside your token's cities" })
  list(@Query() query: RecentTransitionsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<RecentTransitionResponse>> {
    return this.transitions.list(query, principal);
  }
}

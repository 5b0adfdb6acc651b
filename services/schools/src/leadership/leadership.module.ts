import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER, Clock } from '@crosswalk/platform';
import { OrganizationLeadershipController, SchoolLeadershipController } from './leadership.controllers';
import { LeadershipService } from './leadership.service';
import { RecentTransitionsController } from './recent-transitions.controller';
import { RecentTransitionsService } from './recent-transitions.service';

@Module({
  controllers: [SchoolLeadershipController, OrganizationLeadershipController, RecentTransitionsController],
  providers: [LeadershipService, RecentTransitionsService, CLOCK_PROVIDER],
  exports: [LeadershipService, Clock],
})
export class LeadershipModule {}

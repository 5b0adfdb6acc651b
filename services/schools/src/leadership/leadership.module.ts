import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER, Clock } from '@crosswalk/platform';
import { OrganizationLeadershipController, SchoolLeadershipController } from './leadership.controllers';
import { LeadershipService } from './leadership.service';

@Module({
  controllers: [SchoolLeadershipController, OrganizationLeadershipController],
  providers: [LeadershipService, CLOCK_PROVIDER],
  exports: [LeadershipService, Clock],
})
export class LeadershipModule {}

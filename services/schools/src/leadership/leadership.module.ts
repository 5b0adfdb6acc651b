import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { OrganizationLeadershipController, SchoolLeadershipController } from './leadership.controllers';
import { LeadershipService } from './leadership.service';

@Module({
  controllers: [SchoolLeadershipController, OrganizationLeadershipController],
  providers: [LeadershipService, Clock],
  exports: [LeadershipService, Clock],
})
export class LeadershipModule {}

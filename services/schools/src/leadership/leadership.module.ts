import { Module } from '@nestjs/common';
import { OrganizationLeadershipController, SchoolLeadershipController } from './leadership.controllers';
import { LeadershipService } from './leadership.service';

@Module({
  controllers: [SchoolLeadershipController, OrganizationLeadershipController],
  providers: [LeadershipService],
  exports: [LeadershipService],
})
export class LeadershipModule {}

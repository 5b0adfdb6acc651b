import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryService } from '../directory/directory.service';
import { GracePeriodJob } from './grace-period.job';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsService } from './partnerships.service';

@Module({
  controllers: [PartnershipsController],
  providers: [PartnershipsService, DirectoryService, GracePeriodJob, CLOCK_PROVIDER],
  exports: [PartnershipsService, DirectoryService],
})
export class PartnershipsModule {}

import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '../clock';
import { DirectoryService } from '../directory/directory.service';
import { GracePeriodJob } from './grace-period.job';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsService } from './partnerships.service';

@Module({
  controllers: [PartnershipsController],
  providers: [PartnershipsService, DirectoryService, GracePeriodJob, { provide: Clock, useClass: SystemClock }],
  exports: [PartnershipsService, DirectoryService],
})
export class PartnershipsModule {}

import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { DirectoryModule } from '../directory/directory.module';
import { GracePeriodJob } from './grace-period.job';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsHandler } from './partnerships.handler';
import { PartnershipsService } from './partnerships.service';

/**
 * The exemplar capability: a new capability copies this folder's shape (rules, use cases, controller, handler,
 * job, entities, DTOs); docs/adding-a-service.md says why this one.
 */
@Module({
  imports: [DirectoryModule],
  controllers: [PartnershipsController, PartnershipsHandler],
  providers: [PartnershipsService, GracePeriodJob, CLOCK_PROVIDER],
})
export class PartnershipsModule {}

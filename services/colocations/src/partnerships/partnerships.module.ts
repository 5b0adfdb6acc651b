import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { GracePeriodJob } from './grace-period.job';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsService } from './partnerships.service';

/**
 * The exemplar capability: a new capability copies this folder's shape (rules, use cases, controller, reactions
 * to directory events, job, entities, DTOs); docs/adding-a-service.md says why this one. Exports the use cases
 * for its reactions, which the app module hands to the directory copy's handler.
 */
@Module({
  imports: [DirectoryCopyModule],
  controllers: [PartnershipsController],
  providers: [PartnershipsService, GracePeriodJob, CLOCK_PROVIDER],
  exports: [PartnershipsService],
})
export class PartnershipsModule {}

import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { CohortsModule } from '../cohorts/cohorts.module';
import { FellowPlacements, NoPlacements } from './fellow-placements';
import { FellowsController } from './fellows.controller';
import { FellowsService } from './fellows.service';

/**
 * Fellows, their stages, checklists and mentorships. A `placements/` capability beside this folder provides
 * `FellowPlacements` here (replacing `NoPlacements`) so a fellow's answer carries their placements.
 */
@Module({
  imports: [DirectoryCopyModule, CohortsModule],
  controllers: [FellowsController],
  providers: [FellowsService, CLOCK_PROVIDER, { provide: FellowPlacements, useClass: NoPlacements }],
  exports: [FellowsService],
})
export class FellowsModule {}

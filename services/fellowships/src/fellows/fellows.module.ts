import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { CohortsModule } from '../cohorts/cohorts.module';
import { PlacementViews } from '../placements/placement-views';
import { FellowPlacements } from './fellow-placements';
import { FellowsController } from './fellows.controller';
import { FellowsService } from './fellows.service';

/**
 * Fellows, their stages, checklists and mentorships. Their placements come from the `placements/` capability
 * beside this folder (`PlacementViews`), so a fellow's answer carries them.
 */
@Module({
  imports: [DirectoryCopyModule, CohortsModule],
  controllers: [FellowsController],
  providers: [FellowsService, CLOCK_PROVIDER, { provide: FellowPlacements, useClass: PlacementViews }],
  exports: [FellowsService],
})
export class FellowsModule {}

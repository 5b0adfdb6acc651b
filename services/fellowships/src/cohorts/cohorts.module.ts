import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';

/** Cohorts and their host sites; exports the use cases for programs (discontinuation) and the directory reactions. */
@Module({
  imports: [DirectoryCopyModule],
  controllers: [CohortsController],
  providers: [CohortsService, CLOCK_PROVIDER],
  exports: [CohortsService],
})
export class CohortsModule {}

import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { FellowsModule } from '../fellows/fellows.module';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';
import { RetentionCheckpointJob } from './retention-checkpoint.job';

/** Placements, their confirmation and end from the directory, and the retention checkpoints' job. */
@Module({
  imports: [DirectoryCopyModule, FellowsModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, RetentionCheckpointJob, CLOCK_PROVIDER],
  exports: [PlacementsService],
})
export class PlacementsModule {}

import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { CohortsModule } from '../cohorts/cohorts.module';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

/** Programs; a discontinuation cancels the program's live cohorts through the cohorts' use cases. */
@Module({
  imports: [DirectoryCopyModule, CohortsModule],
  controllers: [ProgramsController],
  providers: [ProgramsService, CLOCK_PROVIDER],
})
export class ProgramsModule {}

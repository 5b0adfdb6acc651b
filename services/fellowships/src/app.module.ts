import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DIRECTORY_COPY_ENTITIES, DirectoryCopyModule } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { FELLOWSHIPS_MIGRATIONS } from '../migrations';
import { Cohort, CohortStatusChange, HostSchool, HostSchoolMentor, HostSiteChange } from './cohorts/cohort.entity';
import { CohortsModule } from './cohorts/cohorts.module';
import { FellowshipsDirectoryReactions } from './directory-reactions';
import { FellowshipsConfig } from './fellowships.config';
import { Fellow, RequirementCheck, StageChange } from './fellows/fellow.entity';
import { FellowsModule } from './fellows/fellows.module';
import { Mentorship } from './fellows/mentorship.entity';
import { Placement, PlacementBasis, RetentionCheckpoint } from './placements/placement.entity';
import { PlacementsModule } from './placements/placements.module';
import { Program, ProgramCity, ProgramRequirement } from './programs/program.entity';
import { ProgramsModule } from './programs/programs.module';

/** The fellowships service's own tables, and the local copy of the directory. */
export const FELLOWSHIPS_ENTITIES = [
  ...DIRECTORY_COPY_ENTITIES,
  Program,
  ProgramCity,
  ProgramRequirement,
  Cohort,
  CohortStatusChange,
  HostSchool,
  HostSchoolMentor,
  HostSiteChange,
  Fellow,
  StageChange,
  RequirementCheck,
  Mentorship,
  Placement,
  RetentionCheckpoint,
  PlacementBasis,
];

@Module({
  imports: [
    PlatformModule.forService({
      name: 'fellowships',
      config: FellowshipsConfig,
      database: { entities: [...MESSAGING_ENTITIES, ...FELLOWSHIPS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...FELLOWSHIPS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'fellowships' }),
    ProgramsModule,
    CohortsModule,
    ScheduleModule.forRoot(),
    FellowsModule,
    PlacementsModule,
    DirectoryCopyModule.forService({ reactions: FellowshipsDirectoryReactions, imports: [CohortsModule, FellowsModule, PlacementsModule] }),
  ],
})
export class AppModule {}

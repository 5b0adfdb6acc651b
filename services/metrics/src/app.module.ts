import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { METRICS_MIGRATIONS } from '../migrations';
import { CitiesModule } from './cities/cities.module';
import { KnownCity } from './cities/known-city.entity';
import { CompactFact } from './compacts/compact-fact.entity';
import { CompactsModule } from './compacts/compacts.module';
import { FELLOWSHIP_ENTITIES } from './fellowships/fellowship-tables';
import { FellowshipsModule } from './fellowships/fellowships.module';
import { SignatureFact } from './compacts/signature-fact.entity';
import { LeadershipModule } from './leadership/leadership.module';
import { SchoolClosure } from './leadership/school-closure.entity';
import { TransitionFact } from './leadership/transition-fact.entity';
import { PartnershipEndingFact } from './partnerships/partnership-ending-fact.entity';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { FirstAttendance } from './programs/first-attendance.entity';
import { Participation } from './programs/participation.entity';
import { ProgramEvent } from './programs/program-event.entity';
import { ProgramSeries } from './programs/program-series.entity';
import { ReachedMonth, ReachedMonthCount } from './programs/reached-month.entity';
import { ProgramsModule } from './programs/programs.module';
import { RegistrationState } from './programs/registration-state.entity';
import { SectorAttendance } from './programs/sector-attendance.entity';
import { Subject } from './programs/subject.entity';
import { SurveyResponse } from './programs/survey-response.entity';
import { RecommitmentFact } from './partnerships/recommitment-fact.entity';
import { RecommitmentRequestFact } from './partnerships/recommitment-request-fact.entity';
import { KnownSchool } from './schools/known-school.entity';
import { SchoolsModule } from './schools/schools.module';

/** The metrics service's own tables (every one a projection of events). */
export const METRICS_ENTITIES = [
  KnownCity,
  TransitionFact,
  SchoolClosure,
  CompactFact,
  SignatureFact,
  RecommitmentRequestFact,
  RecommitmentFact,
  PartnershipEndingFact,
  KnownSchool,
  ProgramEvent,
  SectorAttendance,
  RegistrationState,
  Subject,
  Participation,
  FirstAttendance,
  ReachedMonth,
  ReachedMonthCount,
  SurveyResponse,
  ProgramSeries,
  ...FELLOWSHIP_ENTITIES,
];

@Module({
  imports: [
    PlatformModule.forService({
      name: 'metrics',
      database: { entities: [...MESSAGING_ENTITIES, ...METRICS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'metrics' }),
    CitiesModule,
    LeadershipModule,
    CompactsModule,
    PartnershipsModule,
    SchoolsModule,
    ProgramsModule,
    FellowshipsModule,
  ],
})
export class AppModule {}

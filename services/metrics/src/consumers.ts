import { analyticsTopics } from '@crosswalk/contracts';
import type { ConsumerDefinition } from '@crosswalk/messaging';
import { KnownCity } from './cities/known-city.entity';
import { CompactFact } from './compacts/compact-fact.entity';
import { SignatureFact } from './compacts/signature-fact.entity';
import { FELLOWSHIP_ENTITIES } from './fellowships/fellowship-tables';
import { SchoolClosure } from './leadership/school-closure.entity';
import { TransitionFact } from './leadership/transition-fact.entity';
import { PartnershipEndingFact } from './partnerships/partnership-ending-fact.entity';
import { RecommitmentFact } from './partnerships/recommitment-fact.entity';
import { RecommitmentRequestFact } from './partnerships/recommitment-request-fact.entity';
import { FirstAttendance } from './programs/first-attendance.entity';
import { Participation } from './programs/participation.entity';
import { ProgramEvent } from './programs/program-event.entity';
import { ProgramSeries } from './programs/program-series.entity';
import { ReachedMonth, ReachedMonthCount } from './programs/reached-month.entity';
import { RegistrationState } from './programs/registration-state.entity';
import { SectorAttendance } from './programs/sector-attendance.entity';
import { Subject } from './programs/subject.entity';
import { SurveyResponse } from './programs/survey-response.entity';
import { KnownSchool } from './schools/known-school.entity';

/**
 * Metrics consumes every analytics topic of the catalog: its projections are built from events only. Restricted
 * topics (contact data) are not for it, and no metric needs them.
 */
export const METRICS_CONSUMER: ConsumerDefinition = {
  consumer: 'metrics',
  topics: analyticsTopics().map((t) => t.name),
  projection: [
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
  ],
};

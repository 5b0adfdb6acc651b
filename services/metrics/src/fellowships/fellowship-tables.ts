import { FellowState } from './fellow-state.entity';
import { FellowshipCohort } from './fellowship-cohort.entity';
import { FellowshipProgram, FellowshipProgramCity } from './fellowship-program.entity';
import { FellowshipTally } from './fellowship-tally.entity';
import { MentorDeparture } from './mentor-departure.entity';
import { PlacementFlow } from './placement-flow.entity';
import { PlacementState } from './placement-state.entity';

/** The fellowships projection's tables (from `fellowships.programs.v1` only): all emptied and rebuilt by a replay. */
export const FELLOWSHIP_ENTITIES = [
  FellowshipProgram,
  FellowshipProgramCity,
  FellowshipCohort,
  FellowState,
  PlacementState,
  FellowshipTally,
  PlacementFlow,
  MentorDeparture,
];

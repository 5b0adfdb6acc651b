import { KnownCities1764000000000 } from './1764000000000-known-cities';
import { LeadershipFacts1764100000000 } from './1764100000000-leadership-facts';
import { CompactFacts1764100000001 } from './1764100000001-compact-facts';
import { PartnershipFacts1764100000002 } from './1764100000002-partnership-facts';
import { ProgramFacts1764200000000 } from './1764200000000-program-facts';
import { FellowshipFacts1797100000000 } from './1797100000000-fellowship-facts';
import { ReachedMonths1797200000000 } from './1797200000000-reached-months';
import { ReachedMonthDays1797300000000 } from './1797300000000-reached-month-days';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const METRICS_MIGRATIONS = [
  KnownCities1764000000000,
  LeadershipFacts1764100000000,
  CompactFacts1764100000001,
  PartnershipFacts1764100000002,
  ProgramFacts1764200000000,
  FellowshipFacts1797100000000,
  ReachedMonths1797200000000,
  ReachedMonthDays1797300000000,
];

// Fellowships and residencies told as the fellowships service publishes them on `fellowships.programs.v1`,
// beside the directory's cities. Denver's principal residency (run by a CMO): a cohort of 6 residents from
// charter schools, a mentor who leaves mid-cohort, 4 who complete, 3 placed as principals of district schools
// (2 confirmed from the directory), retention at 1 year 2 of 3 (one answer corrected by a later revision),
// 2 years unknown for all three. Oakland's teacher residency: two residents (one from a district school, one
// without a school), one placed at a charter school, and a second cohort with nobody yet. A leadership
// fellowship serving both cities, with one applicant. Every expected number is worked out by hand below.
import { randomUUID } from 'node:crypto';
import {
  CityCreated,
  CohortScheduled,
  CohortStarted,
  type EventContract,
  type FellowStage,
  FellowStageChanged,
  MentorDeparted,
  MentorshipAssigned,
  PlacementConfirmed,
  PlacementEnded,
  PlacementRecorded,
  ProgramCreated,
  type ProgramKind,
  RetentionCheckpointReached,
  type RetentionOutcome,
  type RetentionYear,
  type SchoolSector,
  makeEnvelope,
} from '@crosswalk/contracts';
import { type Published, event } from './network';

/** Ids that sort in a known order (rows are listed by city, then program, cohort and sector). */
const id = (first: string): string => `${first}${randomUUID().slice(1)}`;

export const c1 = id('1'); // Denver
export const c2 = id('2'); // Oakland

interface Program {
  programId: string;
  programKind: ProgramKind;
  cityIds: string[];
  name: string;
}
export const P1: Program = { programId: id('a'), programKind: 'principal_residency', cityIds: [c1], name: 'Principal residency' };
export const P2: Program = { programId: id('b'), programKind: 'teacher_residency', cityIds: [c2], name: 'Teacher residency' };
export const P3: Program = { programId: id('c'), programKind: 'leadership_fellowship', cityIds: [c1, c2], name: 'Leadership fellowship' };
const ref = (p: Program) => ({ programId: p.programId, programKind: p.programKind, cityIds: p.cityIds });

interface Cohort {
  program: Program;
  cohortId: string;
  name: string;
}
export const K1: Cohort = { program: P1, cohortId: id('d'), name: '2026-27' };
export const K2: Cohort = { program: P2, cohortId: id('e'), name: 'Oakland 2026' };
export const K3: Cohort = { program: P2, cohortId: id('f'), name: 'Oakland 2027' };
export const K4: Cohort = { program: P3, cohortId: id('g'), name: 'Fellows 2026' };

interface Fellow {
  cohort: Cohort;
  fellowId: string;
  personId: string;
  origin: { schoolId: string | null; sector: SchoolSector | null; cityId: string | null; role: string | null };
}
const fellow = (cohort: Cohort, sector: SchoolSector | null, cityId: string): Fellow => ({
  cohort,
  fellowId: randomUUID(),
  personId: randomUUID(),
  origin: { schoolId: sector ? randomUUID() : null, sector, cityId, role: sector ? 'assistant_principal' : null },
});
const fellowRef = (f: Fellow) => ({ ...ref(f.cohort.program), cohortId: f.cohort.cohortId, fellowId: f.fellowId, personId: f.personId, origin: f.origin });

const [f1, f2, f3, f4, f5, f6] = Array.from({ length: 6 }, () => fellow(K1, 'charter', c1));
const g1 = fellow(K2, 'district', c2);
const g2 = fellow(K2, null, c2);
const h1 = fellow(K4, 'catholic', c1);

let clock = Date.parse('2026-01-05T09:00:00Z');
/** Each record a minute after the last: the order the fellowships service wrote them in. */
const at = (): string => new Date((clock += 60_000)).toISOString();
const publish = <P extends object>(contract: EventContract<P>, program: Program, payload: P): Published =>
  event(contract, program.programId, program.cityIds[0], payload, at());

const created = (p: Program) =>
  publish(ProgramCreated, p, {
    ...ref(p),
    name: p.name,
    operatorOrganizationId: randomUUID(),
    requirements: [{ requirementId: randomUUID(), text: 'Three years of teaching', required: true }],
  });
const scheduled = (k: Cohort) =>
  publish(CohortScheduled, k.program, { ...ref(k.program), cohortId: k.cohortId, name: k.name, startsOn: '2026-08-01', endsOn: '2027-06-30', hostSchools: [] });
const stage = (f: Fellow, previousStage: FellowStage | null, to: FellowStage, effectiveDate: string) =>
  publish(FellowStageChanged, f.cohort.program, {
    ...fellowRef(f),
    previousStage,
    stage: to,
    effectiveDate,
    reason: to === 'withdrawn' || to === 'not_completed' ? 'personal reasons' : null,
  });
/** applied → accepted → enrolled. */
const throughEnrolment = (f: Fellow) => [
  stage(f, null, 'applied', '2026-05-01'),
  stage(f, 'applied', 'accepted', '2026-06-01'),
  stage(f, 'accepted', 'enrolled', '2026-08-01'),
];

interface Placement {
  fellow: Fellow;
  placementId: string;
  sector: SchoolSector;
  cityId: string;
}
const placement = (f: Fellow, sector: SchoolSector, cityId: string): Placement => ({ fellow: f, placementId: randomUUID(), sector, cityId });
const placementRef = (p: Placement) => ({
  ...fellowRef(p.fellow),
  placementId: p.placementId,
  placement: { schoolId: randomUUID(), sector: p.sector, cityId: p.cityId, role: 'principal' },
  startsOn: '2027-07-01',
});
const recorded = (p: Placement) => publish(PlacementRecorded, p.fellow.cohort.program, placementRef(p));
const confirmed = (p: Placement) =>
  publish(PlacementConfirmed, p.fellow.cohort.program, { ...placementRef(p), transitionId: randomUUID(), tenureStartedOn: '2027-07-01' });
const checkpoint = (p: Placement, year: RetentionYear, outcome: RetentionOutcome, revision: number) =>
  publish(RetentionCheckpointReached, p.fellow.cohort.program, { ...placementRef(p), year, checkpointOn: `${2027 + year}-07-01`, outcome, revision });

const mentorship = (f: Fellow) => ({ ...fellowRef(f), mentorshipId: randomUUID(), mentorPersonId: randomUUID(), hostSchoolId: randomUUID() });
const m2 = mentorship(f2);
const m3 = mentorship(f3);

const pl1 = placement(f1, 'district', c1);
const pl2 = placement(f2, 'district', c1);
const pl3 = placement(f3, 'district', c1);
const pl4 = placement(g1, 'charter', c2);

const pl2LeftAtFirst = checkpoint(pl2, 1, 'left', 1);
/** Sent again later as a new record (not a redelivery): revision 2 already replaced it. */
export const STALE_REVISION = checkpoint(pl2, 1, 'left', 1);
/** f1's enrolment sent again after they completed: a stage already passed. */
export const STALE_STAGE = stage(f1, 'accepted', 'enrolled', '2026-08-01');

export const STORY: Published[] = [
  event(CityCreated, c1, c1, { cityId: c1, name: 'Denver', state: 'CO' }, '2026-01-02T09:00:00Z'),
  event(CityCreated, c2, c2, { cityId: c2, name: 'Oakland', state: 'CA' }, '2026-01-02T09:01:00Z'),
  // Denver: the principal residency.
  created(P1),
  scheduled(K1),
  ...[f1, f2, f3, f4, f5, f6].flatMap(throughEnrolment),
  publish(CohortStarted, P1, { ...ref(P1), cohortId: K1.cohortId, startedOn: '2026-08-01' }),
  publish(MentorshipAssigned, P1, { ...m2, startsOn: '2026-08-01', replacesMentorshipId: null }),
  publish(MentorshipAssigned, P1, { ...m3, startsOn: '2026-08-01', replacesMentorshipId: null }),
  // f2's mentor leaves mid-cohort: a departure during the cohort.
  publish(MentorDeparted, P1, { ...m2, transitionId: randomUUID(), departedOn: '2026-11-01', cohortStatus: 'active' }),
  stage(f5, 'enrolled', 'withdrawn', '2026-12-15'),
  ...[f1, f2, f3, f4].map((f) => stage(f, 'enrolled', 'completed', '2027-06-30')),
  stage(f6, 'enrolled', 'not_completed', '2027-06-30'),
  // f3's mentor leaves after the cohort completed: not a departure during the cohort.
  publish(MentorDeparted, P1, { ...m3, transitionId: randomUUID(), departedOn: '2027-07-15', cohortStatus: 'completed' }),
  // Three placed as principals of district schools; the directory confirms two.
  recorded(pl1),
  recorded(pl2),
  recorded(pl3),
  confirmed(pl1),
  confirmed(pl2),
  // A year on: pl1 retained; pl2 first recorded as left, then corrected to retained; pl3 left.
  checkpoint(pl1, 1, 'retained', 1),
  pl2LeftAtFirst,
  checkpoint(pl3, 1, 'left', 1),
  publish(PlacementEnded, P1, { ...placementRef(pl3), cause: 'left_role', endedOn: '2028-03-31', transitionId: randomUUID() }),
  checkpoint(pl2, 1, 'retained', 2),
  // Two years are not reached: pl1 and pl2 say so, pl3 has no checkpoint yet. Unknown for all three.
  checkpoint(pl1, 2, 'unknown', 1),
  checkpoint(pl2, 2, 'unknown', 1),
  // Oakland: the teacher residency.
  created(P2),
  scheduled(K2),
  scheduled(K3),
  ...throughEnrolment(g1),
  ...throughEnrolment(g2),
  stage(g1, 'enrolled', 'completed', '2027-06-30'),
  recorded(pl4),
  confirmed(pl4),
  checkpoint(pl4, 1, 'retained', 1),
  // Both cities: the leadership fellowship, one applicant.
  created(P3),
  scheduled(K4),
  stage(h1, null, 'applied', '2026-05-01'),
];

/** Records of the story published again as they were (the same envelope ids): the inbox skips them. */
export const REDELIVERED: Published[] = [STORY[10], pl2LeftAtFirst, STORY[STORY.length - 1]];

/** Fails validation (no such stage): dead-lettered as an invalid payload, and nothing counted. */
export const INVALID: Published = {
  topic: 'fellowships.programs.v1',
  envelope: makeEnvelope(
    {
      type: FellowStageChanged.type,
      version: FellowStageChanged.version,
      key: P1.programId,
      cityId: c1,
      payload: { ...fellowRef(fellow(K1, 'charter', c1)), previousStage: null, stage: 'graduated', effectiveDate: '2026-05-01', reason: null },
      occurredAt: new Date(at()),
    },
    { source: 'fellowships', correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  ),
};

const NO_FIGURES = {
  applied: 0,
  enrolled: 0,
  withdrawn: 0,
  notCompleted: 0,
  completed: 0,
  completionRate: null,
  placed: 0,
  placedConfirmed: 0,
  placementRate: null,
  placements: 0,
  confirmedPlacements: 0,
  retained1y: 0,
  left1y: 0,
  unknown1y: 0,
  retained2y: 0,
  left2y: 0,
  unknown2y: 0,
  retained3y: 0,
  left3y: 0,
  unknown3y: 0,
  mentorDepartures: 0,
};
const program = (p: Program) => ({ programId: p.programId, programName: p.name, programKind: p.programKind });
const city = (cityId: string) => ({ cityId, cityName: cityId === c1 ? 'Denver' : 'Oakland' });

/** The residency: 6 enrolled (f5 withdrew after enrolling), 4 completed, 3 placed, 2 confirmed. */
const RESIDENCY = {
  ...NO_FIGURES,
  applied: 6,
  enrolled: 6,
  withdrawn: 1,
  notCompleted: 1,
  completed: 4,
  completionRate: 0.6667,
  placed: 3,
  placedConfirmed: 2,
  placementRate: 0.75,
  placements: 3,
  confirmedPlacements: 2,
  retained1y: 2,
  left1y: 1,
  unknown1y: 0,
  unknown2y: 3,
  unknown3y: 3,
  mentorDepartures: 1,
};
/** g1 completed and placed (retained at 1 year); g2 still enrolled. */
const TEACHER_RESIDENCY = {
  ...NO_FIGURES,
  applied: 2,
  enrolled: 2,
  completed: 1,
  completionRate: 0.5,
  placed: 1,
  placedConfirmed: 1,
  placementRate: 1,
  placements: 1,
  confirmedPlacements: 1,
  retained1y: 1,
  unknown2y: 1,
  unknown3y: 1,
};
const FELLOWSHIP = { ...NO_FIGURES, applied: 1 };

/** `GET /v1/metrics/fellowships`: per program and city; the leadership fellowship in each of its two cities. */
export const BY_PROGRAM = [
  { ...program(P1), ...city(c1), ...RESIDENCY },
  { ...program(P3), ...city(c1), ...FELLOWSHIP },
  { ...program(P2), ...city(c2), ...TEACHER_RESIDENCY },
  { ...program(P3), ...city(c2), ...FELLOWSHIP },
];

const cohort = (k: Cohort) => ({ cohortId: k.cohortId, cohortName: k.name });
/** `?by=cohort`: the teacher residency's second cohort has nobody yet. */
export const BY_COHORT = [
  { ...program(P1), ...cohort(K1), ...city(c1), ...RESIDENCY },
  { ...program(P3), ...cohort(K4), ...city(c1), ...FELLOWSHIP },
  { ...program(P2), ...cohort(K2), ...city(c2), ...TEACHER_RESIDENCY },
  { ...program(P2), ...cohort(K3), ...city(c2), ...NO_FIGURES },
  { ...program(P3), ...cohort(K4), ...city(c2), ...FELLOWSHIP },
];

/** `?by=sector&cityId=c2`: the teacher residency's residents by origin sector. */
export const OAKLAND_BY_SECTOR = [
  { ...program(P2), originSector: 'district', ...city(c2), ...TEACHER_RESIDENCY, applied: 1, enrolled: 1, completionRate: 1 },
  {
    ...program(P2),
    originSector: 'none',
    ...city(c2),
    ...NO_FIGURES,
    applied: 1,
    enrolled: 1,
    completionRate: 0,
  },
  { ...program(P3), originSector: 'catholic', ...city(c2), ...FELLOWSHIP },
];

/** `GET /v1/metrics/fellowships/flows`: charter to district in Denver, district to charter in Oakland. */
export const FLOWS = [
  { programId: P1.programId, programName: P1.name, ...city(c1), originSector: 'charter', placementSector: 'district', placements: 3, confirmedPlacements: 2 },
  { programId: P2.programId, programName: P2.name, ...city(c2), originSector: 'district', placementSector: 'charter', placements: 1, confirmedPlacements: 1 },
];

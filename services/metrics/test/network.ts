// A small network told as the events the other services publish: two cities, schools and organizations,
// principal and chief transitions over 2022-2024 with a correction, three compacts, five partnerships.
// The expected metrics are worked out by hand next to the events that produce them.
import { randomUUID } from 'node:crypto';
import {
  CityCreated,
  CompactSignatoryAdded,
  CompactSigned,
  type EventContract,
  type EventEnvelope,
  LeadershipTransitioned,
  type LeadershipTransitionedV1,
  OrganizationCreated,
  type OrganizationKind,
  PartnershipFormed,
  PartnershipRecommitted,
  type PartnershipStatus,
  PartnershipStatusChanged,
  RecommitmentRequested,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  type StatusCause,
  makeEnvelope,
} from '@crosswalk/contracts';

export interface Published {
  topic: string;
  envelope: EventEnvelope<object>;
}

/** Ids sort in a known order when they start with a known character (cities are listed in id order). */
const id = (first: string): string => `${first}${randomUUID().slice(1)}`;

export function event<P extends object>(contract: EventContract<P>, key: string, cityId: string | null, payload: P, occurredAt: string): Published {
  const envelope = makeEnvelope(
    { type: contract.type, version: contract.version, key, cityId, payload, occurredAt: new Date(occurredAt) },
    { source: contract.type.split('.')[0], correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  );
  return { topic: contract.topic, envelope };
}

export const c1 = id('1'); // Denver
export const c2 = id('2'); // Oakland
const [s1, s2, s3, s4, s5, s6, s7, s8, s9] = Array.from({ length: 9 }, () => randomUUID());
const [o1, o2, o3, o4] = Array.from({ length: 4 }, () => randomUUID());
export const [k1, k2, k3] = Array.from({ length: 3 }, () => randomUUID());
const [p1, p2, p3, p4, p5] = Array.from({ length: 5 }, () => randomUUID());
const person = (name: string): string => `person-${name}`;

const directory: Published[] = [
  event(CityCreated, c1, c1, { cityId: c1, name: 'Denver', state: 'CO' }, '2022-01-03T09:00:00Z'),
  event(CityCreated, c2, c2, { cityId: c2, name: 'Oakland', state: 'CA' }, '2022-01-03T09:01:00Z'),
  ...(
    [
      [o1, c1, 'Denver Public Schools', 'district'],
      [o2, c1, 'STRIVE Prep', 'cmo'],
      [o4, c1, 'Archdiocese of Denver', 'diocese'],
      [o3, c2, 'Oakland Unified', 'district'],
    ] as [string, string, string, OrganizationKind][]
  ).map(([organizationId, cityId, name, kind]) =>
    event(OrganizationCreated, organizationId, cityId, { organizationId, cityId, name, kind, ncesLeaId: null }, '2022-01-04T09:00:00Z'),
  ),
  ...(
    [
      [s1, c1, 'charter'],
      [s2, c1, 'district'],
      [s3, c1, 'district'],
      [s4, c1, 'catholic'],
      [s6, c1, 'district'],
      [s7, c1, 'charter'],
      [s8, c1, 'charter'],
      [s5, c2, 'district'],
      [s9, c2, 'charter'],
    ] as [string, string, SchoolSector][]
  ).map(([schoolId, cityId, sector], i) =>
    event(SchoolCreated, schoolId, cityId, { schoolId, cityId, name: `School ${i + 1}`, sector, organizationId: null, ncesId: null }, '2022-01-05T09:00:00Z'),
  ),
];

function transition(
  holderKind: 'school' | 'organization',
  holderId: string,
  cityId: string,
  role: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
  occurredAt: string,
  supersedesTransitionId: string | null = null,
): Published & { payload: LeadershipTransitionedV1 } {
  const payload: LeadershipTransitionedV1 = {
    transitionId: randomUUID(),
    holderKind,
    holderId,
    cityId,
    role,
    outgoingPersonId: from && person(from),
    incomingPersonId: to && person(to),
    effectiveDate,
    reason: supersedesTransitionId ? 'Recorded with the wrong date and successor' : null,
    endedTenureId: from && randomUUID(),
    startedTenureId: to && randomUUID(),
    supersedesTransitionId,
  };
  return { ...event(LeadershipTransitioned, holderId, cityId, payload, occurredAt), payload };
}

const principal = (school: string, city: string, from: string | null, to: string | null, day: string, at: string, supersedes?: string) =>
  transition('school', school, city, 'principal', from, to, day, at, supersedes);

// Principals (c1 unless noted). The outgoing principal of a school's first recorded transition held it before.
const t12 = principal(s6, c1, null, 'M', '2022-08-15', '2022-08-10T10:00:00Z'); // s6 staffed from 2022
const t3 = principal(s2, c1, 'C', 'D', '2023-01-01', '2022-12-01T10:00:00Z'); // C held s2 through 2022
const t6 = principal(s4, c1, null, 'G', '2023-02-01', '2023-01-20T10:00:00Z'); // s4 closes 2023-12-20
const t1 = principal(s1, c1, null, 'A', '2023-08-01', '2023-07-15T10:00:00Z');
const t4 = principal(s3, c1, null, 'E', '2023-09-01', '2023-08-20T10:00:00Z');
const t11 = principal(s8, c1, 'K', 'L', '2023-11-01', '2023-10-25T10:00:00Z'); // K held s8 through 2022
// Recorded as E leaving s3 on 2023-12-15; corrected to F succeeding E on 2024-04-01: counts once, in 2024.
const t5 = principal(s3, c1, 'E', null, '2023-12-15', '2023-12-10T10:00:00Z');
const t5c = principal(s3, c1, 'E', 'F', '2024-04-01', '2024-03-20T10:00:00Z', t5.payload.transitionId);
const t2 = principal(s1, c1, 'A', 'B', '2024-07-01', '2024-06-20T10:00:00Z');
const t10 = principal(s2, c1, 'D', 'J', '2024-10-01', '2024-09-20T10:00:00Z');
const t8 = principal(s5, c2, 'H', 'I', '2024-09-01', '2024-08-20T10:00:00Z'); // Oakland
const assistant = transition('school', s1, c1, 'assistant_principal', null, 'AP', '2024-08-01', '2024-07-25T10:00:00Z'); // not a principal
// Organizations: X, the chief who signed compact 1 for o1, hands over to Y; o4 adds a second board chair.
const t7 = transition('organization', o1, c1, 'chief', 'X', 'Y', '2024-02-01', '2024-01-20T10:00:00Z');
const t9 = transition('organization', o4, c1, 'board_chair', null, 'BZ', '2024-01-15', '2024-01-10T10:00:00Z');

/*
 * Leadership turnover, by hand (principal spans; s7 and s9 never had a recorded principal):
 *   c1 2022: transitions t12 = 1; staffed s2 (C), s6 (M from Aug), s8 (K) = 3      -> 1/3 = 0.3333
 *   c1 2023: t3, t6, t1, t4, t11 = 5 (t5 is superseded); staffed s1, s2, s3, s4, s6, s8 = 6 -> 5/6 = 0.8333
 *   c1 2024: t5c, t2, t10 = 3; staffed s1, s2, s3, s6, s8 = 5 (s4 closed 2023-12-20) -> 3/5 = 0.6; chief t7 = 1
 *   c2 2024: t8 = 1; staffed s5 = 1 -> 1
 */
export const EXPECTED_LEADERSHIP = [
  { cityId: c1, year: 2022, transitions: 1, schoolsWithPrincipal: 3, turnoverRate: 0.3333, chiefTransitions: 0 },
  { cityId: c1, year: 2023, transitions: 5, schoolsWithPrincipal: 6, turnoverRate: 0.8333, chiefTransitions: 0 },
  { cityId: c1, year: 2024, transitions: 3, schoolsWithPrincipal: 5, turnoverRate: 0.6, chiefTransitions: 1 },
  { cityId: c2, year: 2024, transitions: 1, schoolsWithPrincipal: 1, turnoverRate: 1, chiefTransitions: 0 },
];

const signature = (organizationId: string, signer: string, roleAtSigning: string | null, signedOn: string) => ({
  signatoryId: randomUUID(),
  organizationId,
  personId: person(signer),
  roleAtSigning,
  tenureId: randomUUID(),
  signedOn,
});

const compacts: Published[] = [
  event(
    CompactSigned,
    k1,
    c1,
    {
      compactId: k1,
      cityId: c1,
      title: 'Denver District-Charter Compact',
      signedOn: '2023-05-01',
      signatories: [signature(o1, 'X', 'chief', '2023-05-01'), signature(o2, 'Z', 'chief', '2023-05-01')],
    },
    '2023-05-01T15:00:00Z',
  ),
  event(CompactSignatoryAdded, k1, c1, { compactId: k1, cityId: c1, ...signature(o4, 'BW', 'board_chair', '2023-10-01') }, '2023-10-01T15:00:00Z'),
  event(
    CompactSigned,
    k2,
    c1,
    { compactId: k2, cityId: c1, title: 'Denver Shared Enrollment Compact', signedOn: '2024-03-01', signatories: [signature(o1, 'Y', 'chief', '2024-03-01')] },
    '2024-03-01T15:00:00Z',
  ),
  event(
    CompactSigned,
    k3,
    c2,
    { compactId: k3, cityId: c2, title: 'Oakland Compact, "Year One"', signedOn: '2024-01-10', signatories: [signature(o3, 'M2', 'chief', '2024-01-10')] },
    '2024-01-10T15:00:00Z',
  ),
];

/*
 * Compacts, by hand: k1 has X (o1 chief: left 2024-02-01, t7), Z (o2 chief: no transition) and BW (o4 board
 * chair: a second chair was added, BW stayed) -> 3 signatories, 2 in post, 0.6667. k2: Y (became o1's chief
 * before signing) -> 1/1. k3: M2 -> 1/1. Cities: c1 2 compacts, 4 signatories, 3 in post, 0.75; c2 1, 1, 1, 1.
 */
export const EXPECTED_COMPACTS = {
  [k1]: { compactId: k1, cityId: c1, title: 'Denver District-Charter Compact', signatories: 3, inPost: 2, inPostShare: 0.6667 },
  [k2]: { compactId: k2, cityId: c1, title: 'Denver Shared Enrollment Compact', signatories: 1, inPost: 1, inPostShare: 1 },
  [k3]: { compactId: k3, cityId: c2, title: 'Oakland Compact, "Year One"', signatories: 1, inPost: 1, inPostShare: 1 },
};
export const EXPECTED_COMPACTS_BY_CITY = [
  { cityId: c1, compacts: 2, signatories: 4, inPost: 3, inPostShare: 0.75 },
  { cityId: c2, compacts: 1, signatories: 1, inPost: 1, inPostShare: 1 },
];

function formed(partnershipId: string, cityId: string, members: string[], startedOn: string): Published {
  return event(
    PartnershipFormed,
    partnershipId,
    cityId,
    { partnershipId, cityId, siteId: randomUUID(), memberSchoolIds: members, startedOn, commitments: ['shared_pd'], otherCommitments: null },
    `${startedOn}T12:00:00Z`,
  );
}

function requested(partnershipId: string, cityId: string, t: { payload: LeadershipTransitionedV1 }, dueBy: string, at: string): Published {
  const { holderId: schoolId, transitionId, outgoingPersonId, incomingPersonId, effectiveDate } = t.payload;
  return event(
    RecommitmentRequested,
    partnershipId,
    cityId,
    { partnershipId, cityId, schoolId, transitionId, outgoingPersonId, incomingPersonId, effectiveDate, dueBy },
    at,
  );
}

function status(
  partnershipId: string,
  cityId: string,
  from: PartnershipStatus,
  to: PartnershipStatus,
  cause: StatusCause,
  schoolId: string | null,
  pendingSchoolIds: string[],
  effectiveDate: string,
  at: string,
): Published {
  return event(
    PartnershipStatusChanged,
    partnershipId,
    cityId,
    { partnershipId, cityId, from, to, cause, schoolId, transitionId: null, effectiveDate, pendingSchoolIds },
    at,
  );
}

function recommitted(partnershipId: string, cityId: string, t: { payload: LeadershipTransitionedV1 }, on: string): Published {
  const { holderId: schoolId, transitionId, incomingPersonId } = t.payload;
  return event(
    PartnershipRecommitted,
    partnershipId,
    cityId,
    { partnershipId, cityId, schoolId, personId: incomingPersonId ?? '', transitionId, recommittedOn: on },
    `${on}T16:00:00Z`,
  );
}

const partnerships: Published[] = [
  // p1: s1's new principal B recommits.
  formed(p1, c1, [s1, s2], '2023-09-01'),
  requested(p1, c1, t2, '2024-09-29', '2024-07-01T08:00:00Z'),
  status(p1, c1, 'active', 'awaiting_recommitment', 'leadership_transition', s1, [s1], '2024-07-01', '2024-07-01T08:00:00Z'),
  recommitted(p1, c1, t2, '2024-08-01'),
  status(p1, c1, 'awaiting_recommitment', 'active', 'recommitment', s1, [], '2024-08-01', '2024-08-01T16:00:00Z'),
  // p2: s3's new principal F never recommits; the grace period runs out.
  formed(p2, c1, [s3, s6], '2023-10-01'),
  requested(p2, c1, t5c, '2024-06-30', '2024-04-01T08:00:00Z'),
  status(p2, c1, 'active', 'awaiting_recommitment', 'leadership_transition', s3, [s3], '2024-04-01', '2024-04-01T08:00:00Z'),
  status(p2, c1, 'awaiting_recommitment', 'lapsed', 'grace_period_expired', null, [s3], '2024-07-01', '2024-07-01T02:00:00Z'),
  // p3: s2's new principal J has not answered yet.
  formed(p3, c1, [s2, s7], '2024-01-10'),
  requested(p3, c1, t10, '2024-12-30', '2024-10-01T08:00:00Z'),
  status(p3, c1, 'active', 'awaiting_recommitment', 'leadership_transition', s2, [s2], '2024-10-01', '2024-10-01T08:00:00Z'),
  // p4: waiting for s8's new principal when member s4 closed: dissolved by the closure.
  formed(p4, c1, [s4, s8], '2023-03-01'),
  requested(p4, c1, t11, '2024-01-30', '2023-11-01T08:00:00Z'),
  status(p4, c1, 'active', 'awaiting_recommitment', 'leadership_transition', s8, [s8], '2023-11-01', '2023-11-01T08:00:00Z'),
  status(p4, c1, 'awaiting_recommitment', 'dissolved', 'school_closed', s4, [s8], '2023-12-20', '2023-12-20T12:00:00Z'),
  // p5 (Oakland): s5's new principal I recommits.
  formed(p5, c2, [s5, s9], '2024-02-01'),
  requested(p5, c2, t8, '2024-11-30', '2024-09-01T08:00:00Z'),
  recommitted(p5, c2, t8, '2024-09-20'),
];

/*
 * Survival, by hand: c1 faced 4 transitions (p1..p4): recommitted 1 (p1), lapsed 1 (p2), pending 1 (p3),
 * dissolved 1 (p4, not in the share) -> 1 / (1 + 1) = 0.5. c2: 1 faced, 1 recommitted -> 1.
 */
export const EXPECTED_COLOCATIONS = [
  { cityId: c1, transitionsFaced: 4, recommitted: 1, lapsed: 1, pending: 1, dissolved: 1, survivalShare: 0.5 },
  { cityId: c2, transitionsFaced: 1, recommitted: 1, lapsed: 0, pending: 0, dissolved: 0, survivalShare: 1 },
];

const closure = event(
  SchoolClosed,
  s4,
  c1,
  { schoolId: s4, cityId: c1, effectiveDate: '2023-12-20', endedTenureIds: [t6.payload.startedTenureId ?? ''] },
  '2023-12-20T12:00:00Z',
);

/**
 * Everything, in an order that puts consequences first: partnership requests before the transitions behind
 * them, transitions before the schools and compacts they concern, and even the correction before the
 * transition it corrects (on one key: stricter than the per-key order Kafka guarantees).
 */
export const NETWORK: Published[] = [
  ...partnerships,
  t5c,
  t5,
  ...[t12, t3, t6, t1, t4, t11, t2, t10, t8, assistant, t7, t9],
  ...compacts,
  ...directory,
  closure,
];

/** Deliveries the projections must absorb without change: the same envelopes (same ids) once more. */
export const REDELIVERED: Published[] = [t2, compacts[0], partnerships[1], partnerships[8], closure];

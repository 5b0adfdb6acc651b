import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { type EventContract, PayloadValidationError, allContracts, validatePayload } from '../registry';
import { topicSpec } from '../topics';
import { CohortCancelled, CohortCompleted, CohortScheduled, CohortStarted, ProgramCreated, ProgramDiscontinued } from './programs';
import { FellowStageChanged, HostSiteConfirmationRequested, HostSiteConfirmed, MentorDeparted, MentorshipAssigned, MentorshipEnded } from './fellows';
import { PlacementConfirmed, PlacementEnded, PlacementRecorded, RetentionCheckpointReached } from './placements';

const program = { programId: 'prg_1', programKind: 'principal_residency', cityIds: ['city_1'] };
const cohort = { ...program, cohortId: 'coh_1' };
const fellow = {
  ...cohort,
  fellowId: 'fel_1',
  personId: 'per_1',
  origin: { schoolId: 'sch_1', sector: 'charter', cityId: 'city_1', role: 'assistant_principal' },
};
const mentorship = { ...fellow, mentorshipId: 'men_1', mentorPersonId: 'per_9', hostSchoolId: 'sch_2' };
const placement = {
  ...fellow,
  placementId: 'pla_1',
  placement: { schoolId: 'sch_3', sector: 'district', cityId: 'city_1', role: 'principal' },
  startsOn: '2027-07-01',
};

type Sample = readonly [EventContract, Record<string, unknown>];

// The registry stores contracts the same way: a payload type is erased once it is registered.
const of = <P extends object>(contract: EventContract<P>, payload: Record<string, unknown>): Sample => [contract as unknown as EventContract, payload];

/** One valid payload per contract: the examples double as documentation of what each record looks like. */
const samples: readonly Sample[] = [
  of(ProgramCreated, {
    ...program,
    name: 'Principal residency',
    operatorOrganizationId: 'org_1',
    requirements: [
      { requirementId: 'req_1', text: 'Three years of teaching', required: true },
      { requirementId: 'req_2', text: 'Summer intensive', required: false },
    ],
  }),
  of(ProgramDiscontinued, {
    ...program,
    reason: 'funding ended',
    discontinuedOn: '2027-01-15',
    cancelledCohortIds: ['coh_1'],
    activeFellowIds: ['fel_1', 'fel_2'],
  }),
  of(CohortScheduled, {
    ...cohort,
    name: '2026-27',
    startsOn: '2026-08-01',
    endsOn: '2027-06-30',
    hostSchools: [{ schoolId: 'sch_2', sector: 'charter', cityId: 'city_1', principalPersonId: 'per_8', mentorPersonIds: ['per_9'] }],
  }),
  of(CohortStarted, { ...cohort, startedOn: '2026-08-01' }),
  of(CohortCompleted, { ...cohort, completedOn: '2027-06-30' }),
  of(CohortCancelled, { ...cohort, cause: 'operator', reason: null, cancelledOn: '2026-09-01', activeFellowIds: ['fel_1'] }),
  of(FellowStageChanged, { ...fellow, previousStage: null, stage: 'applied', effectiveDate: '2026-05-01', reason: null }),
  of(MentorshipAssigned, { ...mentorship, startsOn: '2026-08-01', replacesMentorshipId: null }),
  of(MentorshipEnded, { ...mentorship, cause: 'reassigned', endedOn: '2026-11-30' }),
  of(MentorDeparted, { ...mentorship, transitionId: 'tr_1', departedOn: '2026-11-01', cohortStatus: 'active' }),
  of(HostSiteConfirmationRequested, {
    ...cohort,
    schoolId: 'sch_2',
    transitionId: 'tr_2',
    outgoingPersonId: 'per_8',
    incomingPersonId: 'per_7',
    effectiveDate: '2026-10-01',
  }),
  of(HostSiteConfirmed, { ...cohort, schoolId: 'sch_2', personId: 'per_7', transitionId: 'tr_2', confirmedOn: '2026-10-05' }),
  of(PlacementRecorded, placement),
  of(PlacementConfirmed, { ...placement, transitionId: 'tr_3', tenureStartedOn: '2027-07-01' }),
  of(PlacementEnded, { ...placement, cause: 'left_role', endedOn: '2028-03-31', transitionId: 'tr_4' }),
  of(RetentionCheckpointReached, { ...placement, year: 1, checkpointOn: '2028-07-01', outcome: 'left', revision: 1 }),
];

async function rejection<P extends object>(contract: EventContract<P>, payload: unknown): Promise<string[]> {
  try {
    await validatePayload(contract, payload);
  } catch (error) {
    if (error instanceof PayloadValidationError) return error.details;
    throw error;
  }
  throw new Error(`expected ${contract.type} to reject ${JSON.stringify(payload)}`);
}

const sample = (contract: { type: string }) => {
  const found = samples.find(([c]) => c.type === contract.type);
  if (!found) throw new Error(`no sample for ${contract.type}`);
  return found[1];
};

/** Property names of a payload class and of the nested classes it validates, e.g. `origin.schoolId`. */
function propertyNames(target: new (...args: never[]) => object, prefix = ''): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const names = [...new Set(metas.map((m) => m.propertyName))].map((p) => `${prefix}${p}`);
  const nested = metas.filter((m) => m.type === 'nestedValidation');
  return [
    ...names,
    ...nested.flatMap((m) => {
      const type: unknown = Reflect.getMetadata('design:type', target.prototype as object, m.propertyName);
      return typeof type === 'function' && type !== Array && type !== Object ? propertyNames(type as new () => object, `${prefix}${m.propertyName}.`) : [];
    }),
  ];
}

describe('fellowships.programs.v1 contracts', () => {
  const contracts = allContracts().filter((c) => c.type.startsWith('fellowships.'));

  it('are all on fellowships.programs.v1, one per fact the issue lists, each with a sample here', () => {
    expect(contracts.map((c) => c.type).sort()).toEqual(samples.map(([c]) => c.type).sort());
    expect(contracts).toHaveLength(16);
    for (const c of contracts) expect(c.topic).toBe('fellowships.programs.v1');
    expect(topicSpec('fellowships.programs.v1').key).toBe('program id');
  });

  it('are keyed by the program id, and say so', () => {
    for (const c of contracts) expect(c.description).toMatch(/Key: program id\b/);
    for (const [, payload] of samples) expect(payload.programId).toEqual(expect.any(String));
  });

  it.each(samples.map(([c, p]) => [c.type, c, p] as const))('%s accepts its sample', async (_type, contract, payload) => {
    await expect(validatePayload(contract, payload)).resolves.toEqual(payload);
  });

  it('carry the program, its kind and cities on every record, the cohort on every record but the program ones', () => {
    for (const c of contracts) {
      expect(propertyNames(c.payload)).toEqual(expect.arrayContaining(['programId', 'programKind', 'cityIds']));
      if (!c.type.startsWith('fellowships.program.')) expect(propertyNames(c.payload)).toContain('cohortId');
    }
  });

  it("carry the fellow and their origin snapshot on every fellow, mentorship and placement record, and the placement's site on placement records", () => {
    for (const c of contracts.filter((p) => /^fellowships\.(fellow|mentorship|placement)\./.test(p.type))) {
      expect(propertyNames(c.payload)).toEqual(
        expect.arrayContaining(['fellowId', 'personId', 'origin.schoolId', 'origin.sector', 'origin.cityId', 'origin.role']),
      );
    }
    for (const c of contracts.filter((p) => p.type.startsWith('fellowships.placement.'))) {
      expect(propertyNames(c.payload)).toEqual(
        expect.arrayContaining(['placementId', 'startsOn', 'placement.schoolId', 'placement.sector', 'placement.cityId', 'placement.role']),
      );
    }
  });

  it('name the active fellows on a discontinuation and a cancellation', async () => {
    for (const [contract] of samples.filter(([c]) => c.type === ProgramDiscontinued.type || c.type === CohortCancelled.type)) {
      const { activeFellowIds: _ids, ...without } = sample(contract);
      expect(await rejection(contract, without)).toEqual(expect.arrayContaining([expect.stringMatching(/^activeFellowIds: /)]));
    }
  });

  it('carry no contact data', () => {
    for (const c of contracts) expect(propertyNames(c.payload).filter((n) => /mail|phone/i.test(n))).toEqual([]);
  });
});

describe('field rules', () => {
  it('knows the kinds, stages, causes and outcomes of the issue, and no others', async () => {
    expect(await rejection(ProgramCreated, { ...sample(ProgramCreated), programKind: 'internship' })).toEqual([expect.stringMatching(/^programKind: /)]);
    expect(await rejection(FellowStageChanged, { ...sample(FellowStageChanged), stage: 'graduated' })).toEqual([expect.stringMatching(/^stage: /)]);
    expect(await rejection(MentorshipEnded, { ...sample(MentorshipEnded), cause: 'bored' })).toEqual([expect.stringMatching(/^cause: /)]);
    expect(await rejection(PlacementEnded, { ...sample(PlacementEnded), cause: 'fired' })).toEqual([expect.stringMatching(/^cause: /)]);
    expect(await rejection(RetentionCheckpointReached, { ...sample(RetentionCheckpointReached), outcome: 'maybe' })).toEqual([
      expect.stringMatching(/^outcome: /),
    ]);
  });

  it.each([0, 4, 1.5])('refuses a retention checkpoint at year %p', async (year) => {
    expect(await rejection(RetentionCheckpointReached, { ...sample(RetentionCheckpointReached), year })).toEqual([expect.stringMatching(/^year: /)]);
  });

  it('refuses a program serving no city, or a city twice', async () => {
    expect(await rejection(ProgramCreated, { ...sample(ProgramCreated), cityIds: [] })).toEqual([expect.stringMatching(/^cityIds: /)]);
    expect(await rejection(ProgramCreated, { ...sample(ProgramCreated), cityIds: ['city_1', 'city_1'] })).toEqual([expect.stringMatching(/^cityIds: /)]);
  });

  it('takes days as calendar dates', async () => {
    expect(await rejection(FellowStageChanged, { ...sample(FellowStageChanged), effectiveDate: '2026-5-1' })).toEqual([
      expect.stringMatching(/^effectiveDate: /),
    ]);
  });

  it('accepts an origin the directory did not know (every part null), refuses an unknown sector or an undeclared field in it', async () => {
    const unknown = { ...sample(FellowStageChanged), origin: { schoolId: null, sector: null, cityId: null, role: null } };
    await expect(validatePayload(FellowStageChanged, unknown)).resolves.toEqual(unknown);
    const details = await rejection(FellowStageChanged, { ...sample(FellowStageChanged), origin: { ...fellow.origin, sector: 'private', email: 'a@b.org' } });
    expect(details).toEqual(expect.arrayContaining([expect.stringMatching(/^origin\.sector: /), expect.stringMatching(/^origin\.email: .*should not exist/)]));
  });

  it('needs a placement site with a known sector', async () => {
    const details = await rejection(PlacementRecorded, { ...placement, placement: { ...placement.placement, sector: 'unknown' } });
    expect(details).toEqual([expect.stringMatching(/^placement\.sector: /)]);
  });
});

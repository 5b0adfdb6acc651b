// Loads the demo's principal residencies through the gateway, as an operator recording a program's history would:
// the residents' earlier roles in the directory, then each program, its cohorts (started and completed on their
// days), residents with every stage on its day, mentorships, and the placements the directory's history confirms;
// then the running cohort's mentor leaves, and the retention checkpoints are recorded as of the load day.
import { ApiError, type Options, api, eventually } from './api';
import { type LoadedCity } from './events-load';
import { type PlannedFellowships, type PlannedResidency, RESIDENT_ORIGIN_ROLE } from './fellowships-plan';

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

export interface LoadedFellowships {
  programs: number;
  cohorts: number;
  residents: number;
  placements: number;
  confirmed: number;
  checkpoints: number;
  /** Of those, the ones the directory answered (retained or left). */
  checkpointsAnswered: number;
  needingMentor: number;
  /**
   * Residents whose origin holds no school, although the plan gives each a charter role first: the fellowships
   * service had not yet learned the role over Kafka when it took them.
   */
  originsUnknown: number;
}

interface FellowView {
  id: string;
  origin: { sector: string | null };
  placements: { confirmed: boolean }[];
}

export class FellowshipsLoader {
  readonly totals: LoadedFellowships = {
    programs: 0,
    cohorts: 0,
    residents: 0,
    placements: 0,
    confirmed: 0,
    checkpoints: 0,
    checkpointsAnswered: 0,
    needingMentor: 0,
    originsUnknown: 0,
  };

  constructor(
    private readonly options: Options,
    private readonly personIds: Map<string, string>,
  ) {}

  /** The residents the directory does not know yet, and everyone's role before the residency. */
  async loadPeople(plan: PlannedFellowships, cities: LoadedCity[]): Promise<void> {
    await api(this.options, 'POST', '/v1/imports?kind=people', csv([['fullName', 'email'], ...plan.people.map((p) => [p.fullName, p.email])]), 'text/csv');
    for (const person of plan.people) {
      const found = await api<{ items: { id: string }[] }>(this.options, 'GET', `/v1/people?email=${encodeURIComponent(person.email)}`);
      this.personIds.set(person.email, found.items[0]?.id ?? '');
    }
    const rows = plan.residencies.flatMap((residency) =>
      residency.cohorts.flatMap((cohort) =>
        cohort.residents.map((r) => [cities[residency.city].ids.get(r.originSchool) ?? '', '', RESIDENT_ORIGIN_ROLE, r.email, r.originFrom]),
      ),
    );
    await api(this.options, 'POST', '/v1/imports?kind=tenures', csv([['schoolId', 'organizationId', 'role', 'personEmail', 'startDate'], ...rows]), 'text/csv');
  }

  async loadResidency(residency: PlannedResidency, city: LoadedCity): Promise<void> {
    const { options } = this;
    const person = (email: string) => this.personIds.get(email) ?? '';
    const school = (key: string) => city.ids.get(key) ?? '';
    // The operator is checked against the organizations fellowships learned over Kafka: the program may wait for it.
    const program = await eventually(`program ${residency.name}`, () =>
      api<{ id: string }>(options, 'POST', '/v1/fellowship-programs', {
        name: residency.name,
        kind: 'principal_residency',
        operatorOrganizationId: city.ids.get(residency.operator),
        cityIds: [city.cityId],
        requirements: [
          { text: 'Three years as a teacher or assistant principal', required: true },
          { text: 'A school improvement project presented to the cohort', required: true },
          { text: 'A summer leadership intensive', required: false },
        ],
      }),
    );
    this.totals.programs += 1;
    for (const planned of residency.cohorts) {
      // The fellowships service learns schools, people and their roles over Kafka: the first cohort may wait for it.
      const cohort = await eventually(`cohort ${planned.name}`, () =>
        api<{ id: string }>(options, 'POST', `/v1/fellowship-programs/${program.id}/cohorts`, {
          name: planned.name,
          startsOn: planned.startsOn,
          endsOn: planned.endsOn,
          hostSchools: planned.hostSchools.map((h) => ({ schoolId: school(h.school), mentorPersonIds: h.mentors.map(person) })),
        }),
      );
      this.totals.cohorts += 1;
      await api(options, 'POST', `/v1/cohorts/${cohort.id}/start`, { on: planned.startsOn });
      for (const resident of planned.residents) {
        const fellow = await api<FellowView>(options, 'POST', `/v1/cohorts/${cohort.id}/fellows`, {
          personId: person(resident.email),
          appliedOn: resident.appliedOn,
        });
        this.totals.residents += 1;
        if (fellow.origin.sector === null) this.totals.originsUnknown += 1;
        for (const stage of resident.stages) {
          await api(options, 'POST', `/v1/fellows/${fellow.id}/stages`, {
            stage: stage.stage,
            effectiveDate: stage.on,
            ...(stage.reason ? { reason: stage.reason } : {}),
          });
          if (stage.stage === 'enrolled' && resident.mentor) {
            await api(options, 'POST', `/v1/fellows/${fellow.id}/mentorships`, {
              mentorPersonId: person(resident.mentor.email),
              hostSchoolId: school(resident.mentor.school),
              startsOn: stage.on,
            });
          }
        }
      }
      if (planned.status === 'completed') await api(options, 'POST', `/v1/cohorts/${cohort.id}/complete`, { on: planned.endsOn });
    }
    await this.placeResidents(residency, city, program.id);
    if (residency.departure) {
      await api(options, 'POST', `/v1/schools/${school(residency.departure.school)}/leadership-transitions`, {
        // The principal in post (the mentor) is the outgoing person: a school has one.
        role: 'principal',
        incomingPersonId: person(residency.departure.incoming),
        effectiveDate: residency.departure.date,
        reason: 'Principal left for a district role',
      });
    }
  }

  /** The placements, after their cohort; each resident's assistant-principal tenure ends the day they take the school. */
  private async placeResidents(residency: PlannedResidency, city: LoadedCity, programId: string): Promise<void> {
    const { options } = this;
    const fellows = new Map<string, string>();
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: { items: { id: string; personId: string }[]; nextCursor: string | null } = await api(
        options,
        'GET',
        `/v1/fellows?programId=${programId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const f of page.items) fellows.set(f.personId, f.id);
      cursor = page.nextCursor;
    }
    for (const cohort of residency.cohorts) {
      for (const resident of cohort.residents) {
        if (!resident.placement) continue;
        const personId = this.personIds.get(resident.email) ?? '';
        const placed = await api<FellowView>(options, 'POST', `/v1/fellows/${fellows.get(personId)}/placements`, {
          schoolId: city.ids.get(resident.placement.school),
          role: 'principal',
          startsOn: resident.placement.startsOn,
        });
        this.totals.placements += 1;
        if (placed.placements.some((p) => p.confirmed)) this.totals.confirmed += 1;
        await api(options, 'POST', `/v1/schools/${city.ids.get(resident.originSchool)}/leadership-transitions`, {
          role: RESIDENT_ORIGIN_ROLE,
          outgoingPersonId: personId,
          incomingPersonId: null,
          effectiveDate: resident.placement.startsOn,
          reason: 'Placed as a principal by the residency',
        });
      }
    }
  }

  /** Every checkpoint reached by the load day, then who waits for a new mentor (the departures arrive over Kafka). */
  async finish(today: string, departures: number): Promise<void> {
    const { options } = this;
    const run = await api<{ recorded: { outcome: string }[] }>(options, 'POST', '/v1/fellows/retention-checkpoints', { asOf: today });
    this.totals.checkpoints = run.recorded.length;
    this.totals.checkpointsAnswered = run.recorded.filter((c) => c.outcome !== 'unknown').length;
    const waiting = await eventually('residents needing a mentor', async () => {
      const page = await api<{ items: unknown[] }>(options, 'GET', '/v1/fellows?needsMentor=true&limit=200');
      if (page.items.length < departures) throw new ApiError(409, 'departures not yet applied', 'GET /v1/fellows?needsMentor=true');
      return page.items.length;
    });
    this.totals.needingMentor = waiting;
  }
}

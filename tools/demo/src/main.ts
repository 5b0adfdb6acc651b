// `npm run demo` (or `npm start -- --demo`): loads the seeded demo network through the gateway's public API,
// as an admin console would, then prints what the network looks like. See docs/demo.md.
import { signToken } from '@crosswalk/auth';
import { calendarDateToday } from '@crosswalk/contracts';
import { ApiError, type Options, api, eventually } from './api';
import { EventsLoader, type LoadedCity } from './events-load';
import { CITY_TIME_ZONES, planEvents } from './events-plan';
import { FellowshipsLoader } from './fellowships-load';
import { planFellowships } from './fellowships-plan';
import { type DemoPlan, type PlannedAppointment, type PlannedCity, gracePeriodDaysFrom, planNetwork } from './plan';

interface PartnershipView {
  members: { schoolId: string; pendingRecommitment: { effectiveDate: string; dueBy: string } | null }[];
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

interface Loaded {
  cities: number;
  organizations: number;
  schools: number;
  transitions: number;
  colocations: number;
  recommitments: number;
}

async function loadCity(options: Options, city: PlannedCity, personIds: Map<string, string>, totals: Loaded): Promise<LoadedCity> {
  const cityId = (await api<{ id: string }>(options, 'POST', '/v1/cities', { name: city.name, state: city.state, timeZone: CITY_TIME_ZONES[city.name] })).id;
  const ids = new Map<string, string>();
  for (const org of city.organizations) {
    ids.set(org.key, (await api<{ id: string }>(options, 'POST', '/v1/organizations', { name: org.name, kind: org.kind, cityId })).id);
  }
  await api(
    options,
    'POST',
    '/v1/imports?kind=schools',
    csv(
      ['name', 'sector', 'cityId', 'organizationId'],
      city.schools.map((s) => [s.name, s.sector, cityId, s.organization ? (ids.get(s.organization) ?? '') : '']),
    ),
    'text/csv',
  );
  const listed = await api<{ items: { id: string; name: string }[] }>(options, 'GET', `/v1/schools?cityId=${cityId}&limit=200`);
  for (const school of city.schools) ids.set(school.key, listed.items.find((s) => s.name === school.name)?.id ?? '');
  const holderColumn = (a: PlannedAppointment) => (a.role === 'principal' ? [ids.get(a.holder) ?? '', ''] : ['', ids.get(a.holder) ?? '']);
  await api(
    options,
    'POST',
    '/v1/imports?kind=tenures',
    csv(
      ['schoolId', 'organizationId', 'role', 'personEmail', 'startDate'],
      city.history.map((a) => [...holderColumn(a), a.role, a.email, a.date]),
    ),
    'text/csv',
  );

  const chiefOn = (org: string, day: string) => city.history.filter((a) => a.holder === org && a.date <= day).at(-1)?.email;
  await api(options, 'POST', '/v1/compacts', {
    cityId,
    title: city.compact.title,
    signedOn: city.compact.signedOn,
    signatories: city.compact.organizations.map((org) => ({
      organizationId: ids.get(org),
      personId: personIds.get(chiefOn(org, city.compact.signedOn) ?? ''),
    })),
  });

  const partnerships = new Map<string, string>();
  for (const colocation of city.colocations) {
    // Colocations learns the city over Kafka and refuses a site in a city it does not know yet.
    const siteId = (await eventually(`site ${colocation.site}`, () => api<{ id: string }>(options, 'POST', '/v1/sites', { name: colocation.site, cityId }))).id;
    const memberSchoolIds = colocation.members.map((m) => ids.get(m));
    const created = await eventually(`colocation at ${colocation.site}`, () =>
      api<{ id: string }>(options, 'POST', '/v1/colocations', {
        siteId,
        memberSchoolIds,
        startedOn: colocation.startedOn,
        commitments: ['shared_pd', 'shared_spaces'],
      }),
    );
    for (const member of colocation.members) partnerships.set(member, created.id);
    totals.colocations += 1;
  }
  for (const change of city.recentChanges) {
    await api(options, 'POST', `/v1/schools/${ids.get(change.holder)}/leadership-transitions`, {
      role: 'principal',
      incomingPersonId: personIds.get(change.email),
      effectiveDate: change.date,
      reason: 'Principal moved to another school',
    });
  }
  for (const change of city.recentChanges.filter((c) => c.outcome === 'recommitted')) {
    const partnership = partnerships.get(change.holder);
    const schoolId = ids.get(change.holder);
    // The colocations service learns the change over Kafka; its due date must be the one the plan counted on.
    await eventually(`recommitment request at ${change.holder}`, async () => {
      const view = await api<PartnershipView>(options, 'GET', `/v1/colocations/${partnership}`);
      const pending = view.members.find((m) => m.schoolId === schoolId)?.pendingRecommitment;
      if (pending?.effectiveDate !== change.date) throw new ApiError(409, 'recommitment not yet requested', `GET /v1/colocations/${partnership}`);
      if (pending.dueBy !== change.dueBy) {
        throw new Error(
          `the recommitment for the change of ${change.date} is due by ${pending.dueBy}, but the plan counted on ${change.dueBy} ` +
            `(a grace period of ${options.gracePeriodDays} days): set COLOCATION_GRACE_PERIOD_DAYS for the demo as for the colocations service`,
        );
      }
    });
    await eventually(`recommitment at ${change.holder}`, () =>
      api(options, 'POST', `/v1/colocations/${partnership}/recommitments`, { schoolId, personId: personIds.get(change.email) }),
    );
    totals.recommitments += 1;
  }
  totals.cities += 1;
  totals.organizations += city.organizations.length;
  totals.schools += city.schools.length;
  totals.transitions += city.history.length + city.recentChanges.length;
  return { cityId, ids };
}

export async function loadDemo(options: Options): Promise<DemoPlan> {
  const plan = planNetwork(options.seed, { today: options.today, gracePeriodDays: options.gracePeriodDays });
  const existing = await api<{ items: { name: string; state: string }[] }>(options, 'GET', '/v1/cities?limit=200');
  if (existing.items.some((c) => c.name === plan.cities[0].name && c.state === plan.cities[0].state)) {
    throw new Error(
      `the demo network is already loaded (${plan.cities[0].name}, ${plan.cities[0].state} exists); start from empty data (remove .data/) to load it again`,
    );
  }
  await api(
    options,
    'POST',
    '/v1/imports?kind=people',
    csv(
      ['fullName', 'email'],
      plan.people.map((p) => [p.fullName, p.email]),
    ),
    'text/csv',
  );
  const personIds = new Map<string, string>();
  for (const person of plan.people) {
    const found = await api<{ items: { id: string }[] }>(options, 'GET', `/v1/people?email=${encodeURIComponent(person.email)}`);
    personIds.set(person.email, found.items[0]?.id ?? '');
  }
  const totals: Loaded = { cities: 0, organizations: 0, schools: 0, transitions: 0, colocations: 0, recommitments: 0 };
  const loadedCities: LoadedCity[] = [];
  for (const city of plan.cities) {
    loadedCities.push(await loadCity(options, city, personIds, totals));
    process.stdout.write(
      `  ${city.name}, ${city.state}: ${city.schools.length} schools, ${city.history.length + city.recentChanges.length} leadership changes\n`,
    );
  }
  // The partnerships whose new principal did not recommit within the grace period lapse now (as of the load day
  // the plan was made for, should the load have run past midnight).
  const evaluation = await api<{ asOf: string; lapsed: string[] }>(options, 'POST', '/v1/colocations/grace-period-evaluations', { asOf: plan.today });
  process.stdout.write(
    `\nDemo network loaded (seed ${options.seed}, dates relative to ${plan.today}): ${totals.cities} cities, ${totals.organizations} organizations, ${totals.schools} schools, ` +
      `${plan.people.length} people, ${totals.transitions} leadership changes, ${totals.colocations} colocations, ${totals.recommitments} recommitments, ` +
      `${evaluation.lapsed.length} lapsed as of ${evaluation.asOf}.\n`,
  );
  const faced = plan.cities.reduce((count, city) => count + city.recentChanges.length, 0);
  await printMetrics(options, { faced, recommitted: totals.recommitments, lapsed: evaluation.lapsed.length });

  // The residents' roles before their residency go into the directory now, so that the fellowships service has
  // learned them over Kafka by the time the residencies are loaded, after the events.
  const residencies = planFellowships(plan);
  const fellowships = new FellowshipsLoader(options, personIds);
  await fellowships.loadPeople(residencies, loadedCities);

  // The events service learns the directory over Kafka too; it has by now, as the metrics above (which wait for
  // the same topics) show. A snapshot without a role would say otherwise, and is counted below.
  const year = planEvents(plan);
  const events = new EventsLoader(options, personIds);
  for (const [index, city] of year.entries()) {
    await events.loadCity(city, loadedCities[index]);
    process.stdout.write(`  ${city.city}: ${city.held.length + city.series.reduce((n, s) => n + s.sessions.length, 0)} events held, 1 upcoming\n`);
  }
  const loaded = events.totals;
  process.stdout.write(
    `\nA year of events loaded: ${loaded.held} held (${loaded.series} series among them) and ${loaded.upcoming} upcoming, ${loaded.registrations} registrations, ` +
      `${loaded.attendances} attendances, ${loaded.surveys} survey answers` +
      (loaded.snapshotsWithoutRole ? `; ${loaded.snapshotsWithoutRole} registrations were taken before the events service knew the person's role` : '') +
      '.\n',
  );
  // The metrics service counts them from the events topic: wait until it has every attendance, then show the year.
  const network = await eventually('network metrics', async () => {
    const page = await api<{ totals: Totals }>(options, 'GET', '/v1/metrics/network');
    if (Number(page.totals.attendances ?? 0) < loaded.attendances) throw new ApiError(409, 'metrics still catching up', 'GET /v1/metrics/network');
    return page.totals;
  });
  process.stdout.write(
    `The network's year: ${network.events} events (${network.sessions} sessions) in ${network.cities} cities, ${network.participants} participants ` +
      `from ${network.schools} schools, ${network.schoolLeaders} school leaders. ` +
      'See GET /v1/metrics/network, /v1/metrics/satisfaction, /v1/metrics/reach and /v1/metrics/cross-sector.\n',
  );

  for (const residency of residencies.residencies) {
    await fellowships.loadResidency(residency, loadedCities[residency.city]);
    process.stdout.write(`  ${residency.name}: ${residency.cohorts.length} cohorts\n`);
  }
  await fellowships.finish(plan.today, residencies.residencies.filter((r) => r.departure !== null).length);
  const f = fellowships.totals;
  process.stdout.write(
    `\nPrincipal residencies loaded: ${f.programs} programs, ${f.cohorts} cohorts, ${f.residents} residents, ${f.placements} placed (${f.confirmed} confirmed by the directory), ` +
      `${f.checkpoints} retention checkpoints recorded as of ${plan.today}, ${f.needingMentor} residents waiting for a new mentor` +
      (f.originsUnknown ? `; ${f.originsUnknown} residents were taken before the fellowships service knew their role` : '') +
      '.\n',
  );
  const residencyTotals = await eventually('fellowship metrics', async () => {
    const page = await api<{ items: Totals[] }>(options, 'GET', '/v1/metrics/fellowships');
    const sum = (field: string) => page.items.reduce((total, item) => total + Number(item[field] ?? 0), 0);
    // Every placement and every answered checkpoint arrives over Kafka: wait until all are counted.
    const answered = ['retained1y', 'left1y', 'retained2y', 'left2y', 'retained3y', 'left3y'].reduce((n, field) => n + sum(field), 0);
    if (sum('placed') < f.placements || answered < f.checkpointsAnswered) throw new ApiError(409, 'metrics still catching up', 'GET /v1/metrics/fellowships');
    return {
      enrolled: sum('enrolled'),
      completed: sum('completed'),
      placed: sum('placed'),
      retained1y: sum('retained1y'),
      left1y: sum('left1y'),
      retained3y: sum('retained3y'),
      left3y: sum('left3y'),
      unknown3y: sum('unknown3y'),
    };
  });
  process.stdout.write(
    `The residencies so far: ${residencyTotals.enrolled} enrolled, ${residencyTotals.completed} completed, ${residencyTotals.placed} placed; ` +
      `after a year ${residencyTotals.retained1y} still in post and ${residencyTotals.left1y} gone, after three ${residencyTotals.retained3y} and ${residencyTotals.left3y} (${residencyTotals.unknown3y} not three years in post yet). ` +
      'See GET /v1/metrics/fellowships and /v1/metrics/fellowships/flows.\n',
  );
  return plan;
}

interface Totals {
  [field: string]: number | string | null;
}

/** What the partnership metrics must count once they have caught up with the load. */
interface ExpectedPartnerships {
  faced: number;
  recommitted: number;
  lapsed: number;
}

/**
 * Sums the per-city metrics (they arrive over Kafka, so wait until every compact, recommitment request,
 * recommitment and lapse is counted).
 */
async function printMetrics(options: Options, expected: ExpectedPartnerships): Promise<void> {
  const sum = (items: Totals[], field: string) => items.reduce((total, item) => total + Number(item[field] ?? 0), 0);
  const compacts = await eventually('compact metrics', async () => {
    const page = await api<{ items: Totals[] }>(options, 'GET', '/v1/metrics/compacts');
    if (sum(page.items, 'compacts') < 15) throw new ApiError(409, 'metrics still catching up', 'GET /v1/metrics/compacts');
    return page.items;
  });
  const partnerships = await eventually('partnership metrics', async () => {
    const page = await api<{ items: Totals[] }>(options, 'GET', '/v1/metrics/colocations');
    const caughtUp =
      sum(page.items, 'transitionsFaced') >= expected.faced &&
      sum(page.items, 'recommitted') >= expected.recommitted &&
      sum(page.items, 'lapsed') >= expected.lapsed;
    if (!caughtUp) throw new ApiError(409, 'metrics still catching up', 'GET /v1/metrics/colocations');
    return page.items;
  });
  const signatories = sum(compacts, 'signatories');
  const recommitted = sum(partnerships, 'recommitted');
  const lapsed = sum(partnerships, 'lapsed');
  process.stdout.write(
    `Compact signers still in post: ${sum(compacts, 'inPost')} of ${signatories}. ` +
      `Partnerships facing a new principal: ${sum(partnerships, 'transitionsFaced')} (recommitted ${recommitted}, lapsed ${lapsed}, pending ${sum(partnerships, 'pending')}).\n` +
      `See GET /v1/metrics/leadership, /v1/metrics/compacts and /v1/metrics/colocations (add ?format=csv for spreadsheets).\n`,
  );
}

function optionValue(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seed = Number(optionValue(argv, '--seed') ?? process.env.DEMO_SEED ?? 2026);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const gateway = optionValue(argv, '--gateway') ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 8080}`;
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is required (tools/demo/demo.js sets the npm start default)');
  const token = signToken(
    { subject: 'demo-loader', role: 'network_admin' },
    { secret, issuer: process.env.JWT_ISSUER ?? 'crosswalk', audience: process.env.JWT_AUDIENCE ?? 'crosswalk-api' },
  );
  const gracePeriodDays = gracePeriodDaysFrom(process.env.COLOCATION_GRACE_PERIOD_DAYS);
  // The UTC calendar day, as the colocations service counts "today".
  const today = calendarDateToday();
  process.stdout.write(`Loading the demo network through ${gateway} (its recent history placed before ${today}, grace period ${gracePeriodDays} days) ...\n`);
  await loadDemo({ gateway, token, seed, today, gracePeriodDays });
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { Injectable } from '@nestjs/common';
import { canAccessCity, type Principal } from '@crosswalk/auth';
import { Problem } from '@crosswalk/problems';
import { Brackets, DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { cityNamesOf } from '../cities/city-names';
import { SchoolClosure } from '../leadership/school-closure.entity';
import type { Period } from '../reporting/period.rules';
import { KnownSchool } from '../schools/known-school.entity';
import type { CrossSectorItem, NetworkItem, NetworkReport, ReachItem, SatisfactionGrouping, SatisfactionItem, SeriesItem } from './dto/program-metrics.dto';
import { FirstAttendance, type ReachedKind } from './first-attendance.entity';
import { type MonthSplit, NO_MONTH, edgesAround, monthOf, splitIntoMonths } from './months.rules';
import { Participation } from './participation.entity';
import { NO_SECTOR } from './participation.rules';
import { ProgramEvent } from './program-event.entity';
import { ProgramSeries } from './program-series.entity';
import { NETWORK_SCOPE, ReachedMonth, ReachedMonthCount } from './reached-month.entity';
import { schoolReachOf } from './reach.rules';
import { satisfactionOf } from './satisfaction.rules';
import { SectorAttendance } from './sector-attendance.entity';
import { completionRate } from './series.rules';
import { Subject } from './subject.entity';

/** The cities asked about: undefined for every city (network-wide roles), else these (possibly none). */
type Cities = string[] | undefined;
/** Cities as the participation rows name them: by key. */
type CityKeyList = number[];

/** Raw aggregates arrive as numbers or numeric strings depending on the driver and the function. */
type Raw<K extends string> = Record<K, string | number | null>;
const num = (value: string | number | null | undefined): number => Number(value ?? 0);

const byCity = (a: { cityId: string }, b: { cityId: string }): number => (a.cityId < b.cityId ? -1 : a.cityId > b.cityId ? 1 : 0);

/** Narrows a read to the cities (undefined: all of them; none: nothing). */
function inCities<T extends ObjectLiteral>(select: SelectQueryBuilder<T>, column: string, cities: Cities | CityKeyList): SelectQueryBuilder<T> {
  if (cities) select.andWhere(cities.length === 0 ? '1 = 0' : `${column} IN (:...cities)`, { cities });
  return select;
}

/** Narrows a read to the period's days (inclusive; a missing end is open). */
function inPeriod<T extends ObjectLiteral>(select: SelectQueryBuilder<T>, column: string, period: Period): SelectQueryBuilder<T> {
  if (period.from !== undefined) select.andWhere(`${column} >= :from`, { from: period.from });
  if (period.to !== undefined) select.andWhere(`${column} <= :to`, { to: period.to });
  return select;
}

const HELD = "e.status = 'completed'";

/** City key -> city id. */
type CityKeys = Map<number, string>;

interface ReachCount {
  participants: number;
  schools: number;
  schoolLeaders: number;
}
const NO_REACH: ReachCount = { participants: 0, schools: 0, schoolLeaders: 0 };
const REACH_FIELD: Record<ReachedKind, keyof ReachCount> = { person: 'participants', school: 'schools', leader: 'schoolLeaders' };
const REACHED_KINDS: readonly ReachedKind[] = ['person', 'school', 'leader'];
/** The participation column that names a reached subject of each kind. */
const SUBJECT_COLUMN: Record<ReachedKind, string> = { person: 'p.personKey', school: 'p.schoolKey', leader: 'p.leaderKey' };

/**
 * Reads the professional-development metrics with indexed aggregations only: sums over the per-event totals
 * (one row per event), distinct counts of a period from the monthly reach counts (plus the participation index
 * for a period's edge days), and "ever" figures (new versus repeat, never reached) from the first-attendance
 * rows the handlers keep. Nothing here reads every registration, nor every attendance of a period.
 */
@Injectable()
export class ProgramMetrics {
  constructor(private readonly dataSource: DataSource) {}

  private get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Attendances of the period in these cities (by key): one index range per city. */
  private participation(cityKeys: CityKeys, period: Period): SelectQueryBuilder<Participation> {
    return inPeriod(inCities(this.manager.createQueryBuilder(Participation, 'p'), 'p.cityKey', [...cityKeys.keys()]), 'p.startsOn', period);
  }

  /** Subjects (of one kind, or all) first reached in these cities within the period (open ends as given). */
  private firsts(cityKeys: CityKeys, period: Period, kind?: ReachedKind): SelectQueryBuilder<FirstAttendance> {
    const select = inPeriod(inCities(this.manager.createQueryBuilder(FirstAttendance, 'f'), 'f.cityKey', [...cityKeys.keys()]), 'f.firstOn', period);
    return kind === undefined ? select : select.andWhere('f.subjectKind = :kind', { kind });
  }

  /** The keys of these cities (undefined: every city with an attendance), and their ids. */
  private async cityKeys(cities: Cities): Promise<CityKeys> {
    const select = inCities(this.manager.createQueryBuilder(Subject, 's'), 's.externalId', cities)
      .select(['s.subjectKey', 's.externalId'])
      .andWhere("s.kind = 'city'");
    return new Map((await select.getMany()).map((s) => [s.subjectKey, s.externalId]));
  }

  /**
   * Distinct people, schools and leaders reached in the period in each of these cities and, with `network`,
   * in all cities together (someone reached in two cities once): `cityKeys` must then be every city. The
   * period's whole months come from the monthly counts, where a subject counts once, at its first month in the
   * range (the one whose previous month is before the range); its edge days, if any, from the participation
   * index, counting only subjects those months did not reach. Exact for any days, and a read of a few hundred
   * count rows per city for whole months however many attendances there are.
   */
  private async reachedIn(
    cityKeys: CityKeys,
    period: Period,
    network: boolean,
  ): Promise<{ byCity: Map<string, ReachCount>; network: ReachCount; newPeopleInMonths: Map<string, number> }> {
    const scopes = [...cityKeys.keys(), ...(network ? [NETWORK_SCOPE] : [])];
    const byScope = new Map<number, ReachCount>();
    const newPeopleInMonths = new Map<string, number>();
    const add = (scopeKey: number, kind: ReachedKind, n: number): void => {
      const count = byScope.get(scopeKey) ?? NO_REACH;
      byScope.set(scopeKey, { ...count, [REACH_FIELD[kind]]: count[REACH_FIELD[kind]] + n });
    };
    if (scopes.length > 0) {
      const split = splitIntoMonths(period);
      const months = split.months;
      const edgeReads =
        split.edges.length === 0
          ? []
          : months !== null
            ? [this.edgeReachByMonths(scopes, split, period)]
            : [...(cityKeys.size > 0 ? [this.edgeReach(cityKeys, split, false)] : []), ...(network ? [this.edgeReach(cityKeys, split, true)] : [])];
      const [monthRows, edgeRows] = await Promise.all([
        months === null
          ? []
          : this.manager
              .createQueryBuilder(ReachedMonthCount, 'c')
              .select('c.scopeKey', 'scopeKey')
              .addSelect('c.subjectKind', 'kind')
              .addSelect('SUM(c.subjects)', 'n')
              // Subjects whose month has no previous one were first reached in it: new in the period.
              .addSelect(`SUM(CASE WHEN c.previousMonth = '${NO_MONTH}' THEN c.subjects ELSE 0 END)`, 'firstReached')
              // Every kind named, so the primary key gives one range of months per scope and kind.
              .where('c.scopeKey IN (:...scopes) AND c.subjectKind IN (:...kinds)', { scopes, kinds: REACHED_KINDS })
              .andWhere('c.month >= :first AND c.month <= :last AND c.previousMonth < :first', months)
              .groupBy('c.scopeKey')
              .addGroupBy('c.subjectKind')
              .getRawMany<Raw<'scopeKey' | 'kind' | 'n' | 'firstReached'>>(),
        Promise.all(edgeReads),
      ]);
      for (const r of monthRows) {
        add(num(r.scopeKey), r.kind as ReachedKind, num(r.n));
        if (r.kind === 'person' && num(r.scopeKey) !== NETWORK_SCOPE) newPeopleInMonths.set(cityKeys.get(num(r.scopeKey)) ?? '', num(r.firstReached));
      }
      for (const r of edgeRows.flat()) for (const kind of REACHED_KINDS) add(num(r.scopeKey), kind, num(r[kind]));
    }
    const byCity = new Map<string, ReachCount>();
    for (const [scopeKey, count] of byScope) if (scopeKey !== NETWORK_SCOPE) byCity.set(cityKeys.get(scopeKey) ?? '', count);
    return { byCity, network: byScope.get(NETWORK_SCOPE) ?? NO_REACH, newPeopleInMonths };
  }

  /**
   * People, schools and leaders attended on the period's edge days and not reached in its whole months, per
   * scope, from the edge months' rows alone (their first and last days, previous and next months): a scan of
   * at most two months' rows per scope, with a lookup only for a subject attended at both edges and in no
   * whole month between them.
   * - the start edge (D to the end of month M0) counts the M0 rows with `lastDay >= D` whose next month is
   *   after the whole months: the others are counted by those months;
   * - the end edge (month Mn up to day T) counts the Mn rows with `firstDay <= T` whose previous month is
   *   before the whole months and that the start edge did not count.
   */
  private async edgeReachByMonths(scopes: number[], split: MonthSplit, period: Period): Promise<Raw<'scopeKey' | ReachedKind>[]> {
    const months = split.months as NonNullable<MonthSplit['months']>;
    const { start, end } = edgesAround(split, period);
    const monthRows = (month: string) =>
      this.manager
        .createQueryBuilder(ReachedMonth, 'm')
        .select('m.scopeKey', 'scopeKey')
        .addSelect('m.subjectKind', 'kind')
        .addSelect('COUNT(*)', 'n')
        .where('m.scopeKey IN (:...scopes) AND m.subjectKind IN (:...kinds) AND m.month = :month', { scopes, kinds: REACHED_KINDS, month })
        .groupBy('m.scopeKey')
        .addGroupBy('m.subjectKind');
    const reads: Promise<Raw<'scopeKey' | 'kind' | 'n'>[]>[] = [];
    if (start) {
      reads.push(
        monthRows(monthOf(start.from))
          .andWhere('m.lastDay >= :from AND m.nextMonth > :last', { from: start.from, last: months.last })
          .getRawMany<Raw<'scopeKey' | 'kind' | 'n'>>(),
      );
    }
    if (end) {
      const select = monthRows(monthOf(end.to)).andWhere('m.firstDay <= :to AND m.previousMonth < :first', { to: end.to, first: months.first });
      if (start) {
        // Attended in the start edge's month too, and counted there if on its edge days.
        const countedAtStart = select
          .subQuery()
          .select('1')
          .from(ReachedMonth, 's')
          .where('s.scopeKey = m.scopeKey AND s.subjectKind = m.subjectKind AND s.month = m.previousMonth AND s.subjectKey = m.subjectKey')
          .andWhere('s.lastDay >= :from')
          .getQuery();
        select.andWhere(`(m.previousMonth < :startMonth OR NOT EXISTS ${countedAtStart})`, { startMonth: monthOf(start.from), from: start.from });
      }
      reads.push(select.getRawMany<Raw<'scopeKey' | 'kind' | 'n'>>());
    }
    const byScope = new Map<number, Raw<'scopeKey' | ReachedKind>>();
    for (const r of (await Promise.all(reads)).flat()) {
      const row = byScope.get(num(r.scopeKey)) ?? { scopeKey: num(r.scopeKey), person: 0, school: 0, leader: 0 };
      row[r.kind as ReachedKind] = num(row[r.kind as ReachedKind]) + num(r.n);
      byScope.set(num(r.scopeKey), row);
    }
    return [...byScope.values()];
  }

  /**
   * People, schools and leaders attended on the days of a period without a whole month (at most two partial
   * months): per city, or (`network`) in all of `cityKeys` together, from the participation index.
   */
  private edgeReach(cityKeys: CityKeys, split: MonthSplit, network: boolean): Promise<Raw<'scopeKey' | ReachedKind>[]> {
    const select = inCities(this.manager.createQueryBuilder(Participation, 'p'), 'p.cityKey', [...cityKeys.keys()])
      .andWhere(
        new Brackets((days) => {
          split.edges.forEach((edge, i) =>
            days.orWhere(`p.startsOn >= :edgeFrom${i} AND p.startsOn <= :edgeTo${i}`, { [`edgeFrom${i}`]: edge.from, [`edgeTo${i}`]: edge.to }),
          );
        }),
      )
      .select(network ? String(NETWORK_SCOPE) : 'p.cityKey', 'scopeKey');
    if (!network) select.groupBy('p.cityKey');
    for (const kind of REACHED_KINDS) select.addSelect(`COUNT(DISTINCT ${SUBJECT_COLUMN[kind]})`, kind);
    return select.getRawMany<Raw<'scopeKey' | ReachedKind>>();
  }

  /**
   * Some cities together (a token for several cities, not the network): the period's attendances in them
   * counted from the index, or without a start, their first-attendance rows. Proportional to those cities'
   * attendances, not the network's.
   */
  private async reachAcross(cityKeys: CityKeys, period: Period): Promise<ReachCount> {
    if (period.from === undefined) {
      const rows = await this.firsts(cityKeys, { to: period.to })
        .select('f.subjectKind', 'kind')
        .addSelect('COUNT(DISTINCT f.subjectKey)', 'n')
        .groupBy('f.subjectKind')
        .getRawMany<Raw<'kind' | 'n'>>();
      return rows.reduce((all, r) => ({ ...all, [REACH_FIELD[r.kind as ReachedKind]]: num(r.n) }), NO_REACH);
    }
    // One distinct count per query: MariaDB keeps one set per COUNT(DISTINCT), and three large sets in one
    // statement cost more than three statements side by side.
    const distinct = async (column: string): Promise<number> =>
      num((await this.participation(cityKeys, period).select(`COUNT(DISTINCT ${column})`, 'n').getRawOne<Raw<'n'>>())?.n);
    const [participants, schools, schoolLeaders] = await Promise.all([distinct('p.personKey'), distinct('p.schoolKey'), distinct('p.leaderKey')]);
    return { participants, schools, schoolLeaders };
  }

  /** Reach per city, and in all of them together unless they are one city (whose figures are already that). */
  private async reachOf(cities: Cities, cityKeys: CityKeys, period: Period): Promise<{ byCity: Map<string, ReachCount>; together?: ReachCount }> {
    const network = cities === undefined && cityKeys.size > 1;
    const [reached, across] = await Promise.all([
      this.reachedIn(cityKeys, period, network),
      cities !== undefined && cityKeys.size > 1 ? this.reachAcross(cityKeys, period) : undefined,
    ]);
    return { byCity: reached.byCity, together: network ? reached.network : across };
  }

  private events(cities: Cities, period: Period): SelectQueryBuilder<ProgramEvent> {
    return inPeriod(inCities(this.manager.createQueryBuilder(ProgramEvent, 'e'), 'e.cityId', cities), 'e.startsOn', period);
  }

  async network(cities: Cities, period: Period): Promise<NetworkReport> {
    const [eventRows, reached] = await Promise.all([
      this.events(cities, period)
        .select('e.cityId', 'cityId')
        .addSelect(`SUM(CASE WHEN ${HELD} AND e.seriesId IS NULL THEN 1 ELSE 0 END)`, 'standalone')
        .addSelect(`COUNT(DISTINCT CASE WHEN ${HELD} THEN e.seriesId END)`, 'series')
        .addSelect(`SUM(CASE WHEN ${HELD} THEN 1 ELSE 0 END)`, 'sessions')
        .addSelect('SUM(e.registrations)', 'registrations')
        .addSelect('SUM(e.attendances)', 'attendances')
        .groupBy('e.cityId')
        .getRawMany<Raw<'cityId' | 'standalone' | 'series' | 'sessions' | 'registrations' | 'attendances'>>(),
      this.cityKeys(cities).then((keys) => this.reachOf(cities, keys, period)),
    ]);
    const reachIn = reached.byCity;
    const together = reached.together;
    const nameOf = await cityNamesOf(
      this.manager,
      eventRows.map((r) => String(r.cityId)),
    );
    const items: NetworkItem[] = eventRows
      .map((r) => {
        const cityId = String(r.cityId);
        return {
          cityId,
          cityName: nameOf(cityId),
          events: num(r.standalone) + num(r.series),
          sessions: num(r.sessions),
          registrations: num(r.registrations),
          attendances: num(r.attendances),
          ...(reachIn.get(cityId) ?? NO_REACH),
        };
      })
      .sort(byCity);
    const sum = (field: 'events' | 'sessions' | 'registrations' | 'attendances') => items.reduce((total, item) => total + item[field], 0);
    return {
      items,
      totals: {
        cities: items.filter((item) => item.sessions > 0).length,
        events: sum('events'),
        sessions: sum('sessions'),
        registrations: sum('registrations'),
        attendances: sum('attendances'),
        ...(together ?? [...reachIn.values()][0] ?? NO_REACH),
      },
    };
  }

  async satisfaction(
    principal: Principal,
    cities: Cities,
    period: Period,
    ask: { eventId?: string; seriesId?: string; by: SatisfactionGrouping },
  ): Promise<SatisfactionItem[]> {
    if (ask.eventId !== undefined) await this.assertEventVisible(principal, ask.eventId);
    if (ask.seriesId !== undefined) await this.assertSeriesVisible(principal, ask.seriesId);
    const { by } = ask;
    const select = this.events(cities, period)
      .select('e.cityId', 'cityId')
      .addSelect('SUM(e.attendances)', 'attendances')
      .addSelect('SUM(e.responses)', 'responses')
      .addSelect('SUM(e.usefulnessTotal)', 'usefulnessTotal')
      .addSelect('SUM(e.promoters)', 'promoters')
      .addSelect('SUM(e.detractors)', 'detractors')
      .groupBy('e.cityId');
    if (ask.eventId !== undefined) select.andWhere('e.eventId = :eventId', { eventId: ask.eventId });
    if (ask.seriesId !== undefined) select.andWhere('e.seriesId = :seriesId', { seriesId: ask.seriesId });
    if (by === 'event') {
      select.addSelect('e.eventId', 'eventId').addSelect('e.seriesId', 'seriesId').addSelect('e.title', 'title').addSelect('e.startsOn', 'startsOn');
      select.addGroupBy('e.eventId').addGroupBy('e.seriesId').addGroupBy('e.title').addGroupBy('e.startsOn');
      // A list of events shows those held; an event asked for by id shows whatever it has.
      if (ask.eventId === undefined) select.andWhere(HELD);
    }
    if (by === 'series') {
      select.leftJoin(ProgramSeries, 's', 's.seriesId = e.seriesId').andWhere('e.seriesId IS NOT NULL');
      select.addSelect('e.seriesId', 'seriesId').addSelect('s.title', 'title').addGroupBy('e.seriesId').addGroupBy('s.title');
    }
    const rows =
      await select.getRawMany<
        Raw<'cityId' | 'attendances' | 'responses' | 'usefulnessTotal' | 'promoters' | 'detractors' | 'eventId' | 'seriesId' | 'title' | 'startsOn'>
      >();
    const nameOf = await cityNamesOf(
      this.manager,
      rows.map((r) => String(r.cityId)),
    );
    const str = (value: string | number | null): string | null => (value === null ? null : String(value));
    return rows
      .map((r) => {
        const cityId = String(r.cityId);
        const figures = satisfactionOf({
          attendances: num(r.attendances),
          responses: num(r.responses),
          usefulnessTotal: num(r.usefulnessTotal),
          promoters: num(r.promoters),
          detractors: num(r.detractors),
        });
        const about =
          by === 'event'
            ? { eventId: String(r.eventId), seriesId: str(r.seriesId), title: str(r.title), startsOn: String(r.startsOn) }
            : by === 'series'
              ? { seriesId: String(r.seriesId), title: str(r.title) }
              : {};
        return { cityId, cityName: nameOf(cityId), ...about, ...figures };
      })
      .sort((a, b) => byCity(a, b) || order(a, b));
  }

  /**
   * Reach per city. Its school figures are counted by the database, a few rows per city coming back: schools
   * and their attendances with the top 10%'s (`schoolConcentration`), new schools as a range of first
   * attendances, the directory's schools and those reached by the period's end as one grouped join.
   */
  async reach(cities: Cities, period: Period): Promise<ReachItem[]> {
    const cityKeys = await this.cityKeys(cities);
    const cityOf = (key: string | number | null): string => cityKeys.get(num(key)) ?? '';
    const directory = this.manager
      .createQueryBuilder(KnownSchool, 'school')
      .leftJoin(SchoolClosure, 'closure', 'closure.schoolId = school.schoolId')
      .leftJoin(Subject, 'subject', "subject.kind = 'school' AND subject.externalId = school.schoolId")
      .leftJoin(Subject, 'city', "city.kind = 'city' AND city.externalId = school.cityId")
      // A school counts as reached by the end when it has a first attendance in its own city by then.
      .leftJoin(
        FirstAttendance,
        'f',
        `f.cityKey = city.subjectKey AND f.subjectKind = 'school' AND f.subjectKey = subject.subjectKey${period.to !== undefined ? ' AND f.firstOn <= :to' : ''}`,
        { to: period.to },
      )
      .select('school.cityId', 'cityId')
      .addSelect('COUNT(*)', 'schoolsInCity')
      .addSelect('COUNT(f.subjectKey)', 'reachedByEnd')
      .groupBy('school.cityId');
    inCities(directory, 'school.cityId', cities);
    if (period.from !== undefined) directory.andWhere('(closure.closedOn IS NULL OR closure.closedOn >= :from)', { from: period.from });

    const { edges } = splitIntoMonths(period);
    const [eventCities, reached, newOnEdges, newSchools, concentration, directoryCounts] = await Promise.all([
      this.events(cities, period).select('e.cityId', 'cityId').groupBy('e.cityId').getRawMany<Raw<'cityId'>>(),
      this.reachedIn(cityKeys, period, false),
      // New people: first reached in the whole months (from the monthly counts), or on the edge days.
      Promise.all(
        edges.map((edge) =>
          this.firsts(cityKeys, edge, 'person')
            .select('f.cityKey', 'cityKey')
            .addSelect('COUNT(*)', 'n')
            .groupBy('f.cityKey')
            .getRawMany<Raw<'cityKey' | 'n'>>(),
        ),
      ),
      // A school first reached within the period was reached in it, and one reached in it first reached by its end.
      this.firsts(cityKeys, period, 'school').select('f.cityKey', 'cityKey').addSelect('COUNT(*)', 'n').groupBy('f.cityKey').getRawMany<Raw<'cityKey' | 'n'>>(),
      this.schoolConcentration(cityKeys, period),
      directory.getRawMany<Raw<'cityId' | 'schoolsInCity' | 'reachedByEnd'>>(),
    ]);

    const people = reached.byCity;
    const cityIds = new Set([...eventCities.map((r) => String(r.cityId)), ...people.keys(), ...directoryCounts.map((r) => String(r.cityId))]);
    const nameOf = await cityNamesOf(this.manager, cityIds);
    const newPeopleIn = new Map(reached.newPeopleInMonths);
    for (const r of newOnEdges.flat()) newPeopleIn.set(cityOf(r.cityKey), (newPeopleIn.get(cityOf(r.cityKey)) ?? 0) + num(r.n));
    const newSchoolsIn = new Map(newSchools.map((r) => [cityOf(r.cityKey), num(r.n)]));
    const concentrationIn = new Map(concentration.map((r) => [cityOf(r.cityKey), r]));
    const directoryIn = new Map(directoryCounts.map((r) => [String(r.cityId), r]));
    return [...cityIds].sort().map((cityId) => {
      const participants = people.get(cityId)?.participants ?? 0;
      const newParticipants = newPeopleIn.get(cityId) ?? 0;
      const schools = schoolReachOf({
        schools: num(concentrationIn.get(cityId)?.schools),
        newSchools: newSchoolsIn.get(cityId) ?? 0,
        schoolAttendances: num(concentrationIn.get(cityId)?.attendances),
        topAttendances: num(concentrationIn.get(cityId)?.topAttendances),
        schoolsInCity: num(directoryIn.get(cityId)?.schoolsInCity),
        reachedByEnd: num(directoryIn.get(cityId)?.reachedByEnd),
      });
      return { cityId, cityName: nameOf(cityId), participants, newParticipants, repeatParticipants: participants - newParticipants, ...schools };
    });
  }

  /**
   * Per city: the schools reached in the period, their attendances, and those of the top 10% of them by
   * attendances (`topSchoolCount`), counted by the database: each school's attendances (its first-attendance
   * row over all time; else its months' rows for the whole months and the participation index for the edge
   * days), ranked per city by a window function. One row per city comes back.
   */
  private async schoolConcentration(cityKeys: CityKeys, period: Period): Promise<Raw<'cityKey' | 'schools' | 'attendances' | 'topAttendances'>[]> {
    const keys = [...cityKeys.keys()];
    if (keys.length === 0) return [];
    const inKeys = keys.map(() => '?').join(', ');
    const parts: string[] = [];
    const parameters: (string | number)[] = [];
    const allTime = period.from === undefined && period.to === undefined;
    if (allTime) {
      parts.push(
        `SELECT f.cityKey AS cityKey, f.subjectKey AS schoolKey, f.attendances AS attendances
           FROM metrics_pd_first_attendance f WHERE f.cityKey IN (${inKeys}) AND f.subjectKind = 'school'`,
      );
      parameters.push(...keys);
    } else {
      const { months, edges } = splitIntoMonths(period);
      if (months !== null) {
        parts.push(
          `SELECT m.scopeKey AS cityKey, m.subjectKey AS schoolKey, m.attendances AS attendances
             FROM metrics_pd_reached_month m WHERE m.scopeKey IN (${inKeys}) AND m.subjectKind = 'school' AND m.month >= ? AND m.month <= ?`,
        );
        parameters.push(...keys, months.first, months.last);
      }
      for (const edge of edges) {
        parts.push(
          `SELECT p.cityKey AS cityKey, p.schoolKey AS schoolKey, 1 AS attendances
             FROM metrics_pd_participation p WHERE p.cityKey IN (${inKeys}) AND p.startsOn >= ? AND p.startsOn <= ? AND p.schoolKey IS NOT NULL`,
        );
        parameters.push(...keys, edge.from, edge.to);
      }
    }
    // Over all time a school's row is its total already; else its parts are added up.
    const bySchool = allTime
      ? parts[0]
      : `SELECT cityKey, schoolKey, SUM(attendances) AS attendances FROM (${parts.join(' UNION ALL ')}) attended GROUP BY cityKey, schoolKey`;
    // The top ceil(n / 10) of n schools: place <= ceil(n / 10) is 10 * place - 10 < n, in integers on every engine.
    return this.manager.query(
      `SELECT cityKey, COUNT(*) AS schools, SUM(attendances) AS attendances,
              SUM(CASE WHEN 10 * place - 10 < reached THEN attendances ELSE 0 END) AS topAttendances
         FROM (SELECT cityKey, attendances,
                      ROW_NUMBER() OVER (PARTITION BY cityKey ORDER BY attendances DESC) AS place,
                      COUNT(*) OVER (PARTITION BY cityKey) AS reached
                 FROM (${bySchool}) bySchool) ranked
        GROUP BY cityKey`,
      parameters,
    );
  }

  async crossSector(cities: Cities, period: Period): Promise<CrossSectorItem[]> {
    const rows = await this.events(cities, period)
      .innerJoin(SectorAttendance, 'mix', 'mix.eventId = e.eventId')
      .select('e.cityId', 'cityId')
      .addSelect('mix.attendeeSector', 'attendeeSector')
      .addSelect('e.hostSector', 'hostSector')
      .addSelect('SUM(mix.attendances)', 'attendances')
      .groupBy('e.cityId')
      .addGroupBy('mix.attendeeSector')
      .addGroupBy('e.hostSector')
      .having('SUM(mix.attendances) > 0')
      .getRawMany<Raw<'cityId' | 'attendeeSector' | 'hostSector' | 'attendances'>>();
    const nameOf = await cityNamesOf(
      this.manager,
      rows.map((r) => String(r.cityId)),
    );
    const key = (item: CrossSectorItem) => `${item.attendeeSector} ${item.hostSector}`;
    return rows
      .map((r) => ({
        cityId: String(r.cityId),
        cityName: nameOf(String(r.cityId)),
        attendeeSector: String(r.attendeeSector),
        hostSector: r.hostSector === null ? NO_SECTOR : String(r.hostSector),
        attendances: num(r.attendances),
      }))
      .sort((a, b) => byCity(a, b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  async series(cities: Cities): Promise<SeriesItem[]> {
    const all = await inCities(this.manager.createQueryBuilder(ProgramSeries, 's'), 's.cityId', cities).orderBy('s.cityId').addOrderBy('s.seriesId').getMany();
    const nameOf = await cityNamesOf(
      this.manager,
      all.map((s) => s.cityId),
    );
    return all.map((s) => ({
      seriesId: s.seriesId,
      cityId: s.cityId,
      cityName: nameOf(s.cityId),
      title: s.title,
      sessions: s.sessions,
      requiredSessions: s.requiredSessions,
      status: s.completedAt === null ? 'scheduled' : 'completed',
      participants: s.participants,
      completed: s.completed,
      completionRate: completionRate(s.completed, s.participants),
      creditHours: s.creditHours === null ? null : Number(s.creditHours),
    }));
  }

  /** Another city's event answers like an unknown one, so its existence does not leak. */
  private async assertEventVisible(principal: Principal, eventId: string): Promise<void> {
    const event = await this.manager.findOne(ProgramEvent, { where: { eventId }, select: { eventId: true, cityId: true } });
    if (!event || !canAccessCity(principal, event.cityId)) throw Problem.notFound(`Event ${eventId}`);
  }

  private async assertSeriesVisible(principal: Principal, seriesId: string): Promise<void> {
    // A session may be known before its series' own record (they have different keys).
    const series =
      (await this.manager.findOne(ProgramSeries, { where: { seriesId }, select: { seriesId: true, cityId: true } })) ??
      (await this.manager.findOne(ProgramEvent, { where: { seriesId }, select: { eventId: true, cityId: true } }));
    if (!series || !canAccessCity(principal, series.cityId)) throw Problem.notFound(`Series ${seriesId}`);
  }
}

/** Rows of one city: events by day then id, series by id. */
function order(a: SatisfactionItem, b: SatisfactionItem): number {
  const key = (item: SatisfactionItem) => `${item.startsOn ?? ''} ${item.eventId ?? item.seriesId ?? ''}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

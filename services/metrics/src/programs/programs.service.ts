import { Injectable } from '@nestjs/common';
import { canAccessCity, type Principal } from '@crosswalk/auth';
import { Problem } from '@crosswalk/problems';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { cityNamesOf } from '../cities/city-names';
import { SchoolClosure } from '../leadership/school-closure.entity';
import { groupBy } from '../reporting/group-by';
import type { Period } from '../reporting/period.rules';
import { KnownSchool } from '../schools/known-school.entity';
import type { CrossSectorItem, NetworkItem, NetworkReport, ReachItem, SatisfactionGrouping, SatisfactionItem, SeriesItem } from './dto/program-metrics.dto';
import { Participation } from './participation.entity';
import { NO_SECTOR } from './participation.rules';
import { ProgramEvent } from './program-event.entity';
import { ProgramSeries } from './program-series.entity';
import { schoolReach } from './reach.rules';
import { satisfactionOf } from './satisfaction.rules';
import { SectorAttendance } from './sector-attendance.entity';
import { completionRate } from './series.rules';

/** The cities asked about: undefined for every city (network-wide roles), else these (possibly none). */
type Cities = string[] | undefined;

/** Raw aggregates arrive as numbers or numeric strings depending on the driver and the function. */
type Raw<K extends string> = Record<K, string | number | null>;
const num = (value: string | number | null | undefined): number => Number(value ?? 0);

const byCity = (a: { cityId: string }, b: { cityId: string }): number => (a.cityId < b.cityId ? -1 : a.cityId > b.cityId ? 1 : 0);

/** Narrows a read to the cities and to the period's days (inclusive), on the given columns. */
function scoped<T extends ObjectLiteral>(
  select: SelectQueryBuilder<T>,
  columns: { city: string; day: string },
  cities: Cities,
  period: Period,
): SelectQueryBuilder<T> {
  if (cities) select.andWhere(`${columns.city} IN (:...cities)`, { cities });
  if (period.from !== undefined) select.andWhere(`${columns.day} >= :from`, { from: period.from });
  if (period.to !== undefined) select.andWhere(`${columns.day} <= :to`, { to: period.to });
  return select;
}

const HELD = "e.status = 'completed'";

const NO_TOTALS = { cities: 0, events: 0, sessions: 0, registrations: 0, attendances: 0, participants: 0, schools: 0, schoolLeaders: 0 };

/**
 * Reads the professional-development metrics with indexed aggregations only: sums over the per-event totals
 * (one row per event), distinct counts over the participation index, and first attendances with one index
 * dive per person or school. Nothing here reads every registration.
 */
@Injectable()
export class ProgramMetrics {
  constructor(private readonly dataSource: DataSource) {}

  private get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private participation(cities: Cities, period: Period): SelectQueryBuilder<Participation> {
    return scoped(this.manager.createQueryBuilder(Participation, 'p'), { city: 'p.cityId', day: 'p.startsOn' }, cities, period);
  }

  private events(cities: Cities, period: Period): SelectQueryBuilder<ProgramEvent> {
    return scoped(this.manager.createQueryBuilder(ProgramEvent, 'e'), { city: 'e.cityId', day: 'e.startsOn' }, cities, period);
  }

  async network(cities: Cities, period: Period): Promise<NetworkReport> {
    if (cities?.length === 0) return { items: [], totals: NO_TOTALS };
    const distinct = () =>
      this.participation(cities, period)
        .select('COUNT(DISTINCT p.personId)', 'participants')
        .addSelect('COUNT(DISTINCT p.reachedSchoolId)', 'schools')
        .addSelect('COUNT(DISTINCT p.schoolLeaderId)', 'schoolLeaders');
    const [eventRows, cityReach, together] = await Promise.all([
      this.events(cities, period)
        .select('e.cityId', 'cityId')
        .addSelect(`SUM(CASE WHEN ${HELD} AND e.seriesId IS NULL THEN 1 ELSE 0 END)`, 'standalone')
        .addSelect(`COUNT(DISTINCT CASE WHEN ${HELD} THEN e.seriesId END)`, 'series')
        .addSelect(`SUM(CASE WHEN ${HELD} THEN 1 ELSE 0 END)`, 'sessions')
        .addSelect('SUM(e.registrations)', 'registrations')
        .addSelect('SUM(e.attendances)', 'attendances')
        .groupBy('e.cityId')
        .getRawMany<Raw<'cityId' | 'standalone' | 'series' | 'sessions' | 'registrations' | 'attendances'>>(),
      distinct().addSelect('p.cityId', 'cityId').groupBy('p.cityId').getRawMany<Raw<'cityId' | 'participants' | 'schools' | 'schoolLeaders'>>(),
      distinct().getRawOne<Raw<'participants' | 'schools' | 'schoolLeaders'>>(),
    ]);
    const reachOf = new Map(cityReach.map((r) => [String(r.cityId), r]));
    const nameOf = await cityNamesOf(
      this.manager,
      eventRows.map((r) => String(r.cityId)),
    );
    const items: NetworkItem[] = eventRows
      .map((r) => {
        const cityId = String(r.cityId);
        const reach = reachOf.get(cityId);
        return {
          cityId,
          cityName: nameOf(cityId),
          events: num(r.standalone) + num(r.series),
          sessions: num(r.sessions),
          registrations: num(r.registrations),
          attendances: num(r.attendances),
          participants: num(reach?.participants),
          schools: num(reach?.schools),
          schoolLeaders: num(reach?.schoolLeaders),
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
        participants: num(together?.participants),
        schools: num(together?.schools),
        schoolLeaders: num(together?.schoolLeaders),
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
    if (cities?.length === 0) return [];
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

  async reach(cities: Cities, period: Period): Promise<ReachItem[]> {
    if (cities?.length === 0) return [];
    const upToEnd: Period = { to: period.to };
    // First attendances need all earlier days, so only the end of the period narrows them.
    const firstPeople = this.participation(cities, upToEnd)
      .select('p.cityId', 'cityId')
      .addSelect('MIN(p.startsOn)', 'firstOn')
      .groupBy('p.cityId')
      .addGroupBy('p.personId');
    const newcomers = this.manager
      .createQueryBuilder()
      .select('f.cityId', 'cityId')
      .addSelect('COUNT(*)', 'people')
      .from(`(${firstPeople.getQuery()})`, 'f')
      .setParameters(firstPeople.getParameters())
      .groupBy('f.cityId');
    if (period.from !== undefined) newcomers.where('f.firstOn >= :from', { from: period.from });

    const directory = this.manager
      .createQueryBuilder(KnownSchool, 'school')
      .leftJoin(SchoolClosure, 'closure', 'closure.schoolId = school.schoolId')
      .select('school.cityId', 'cityId')
      .addSelect('school.schoolId', 'schoolId');
    if (cities) directory.andWhere('school.cityId IN (:...cities)', { cities });
    if (period.from !== undefined) directory.andWhere('(closure.closedOn IS NULL OR closure.closedOn >= :from)', { from: period.from });

    const [eventCities, people, newPeople, schoolAttendances, schoolFirsts, directorySchools] = await Promise.all([
      this.events(cities, period).select('e.cityId', 'cityId').groupBy('e.cityId').getRawMany<Raw<'cityId'>>(),
      this.participation(cities, period)
        .select('p.cityId', 'cityId')
        .addSelect('COUNT(DISTINCT p.personId)', 'people')
        .groupBy('p.cityId')
        .getRawMany<Raw<'cityId' | 'people'>>(),
      newcomers.getRawMany<Raw<'cityId' | 'people'>>(),
      this.participation(cities, period)
        .andWhere('p.reachedSchoolId IS NOT NULL')
        .select('p.cityId', 'cityId')
        .addSelect('p.reachedSchoolId', 'schoolId')
        .addSelect('COUNT(*)', 'attendances')
        .groupBy('p.cityId')
        .addGroupBy('p.reachedSchoolId')
        .getRawMany<Raw<'cityId' | 'schoolId' | 'attendances'>>(),
      this.participation(cities, upToEnd)
        .andWhere('p.reachedSchoolId IS NOT NULL')
        .select('p.cityId', 'cityId')
        .addSelect('p.reachedSchoolId', 'schoolId')
        .addSelect('MIN(p.startsOn)', 'firstOn')
        .groupBy('p.cityId')
        .addGroupBy('p.reachedSchoolId')
        .getRawMany<Raw<'cityId' | 'schoolId' | 'firstOn'>>(),
      directory.getRawMany<Raw<'cityId' | 'schoolId'>>(),
    ]);

    const cityIds = new Set([...eventCities, ...people, ...directorySchools].map((r) => String(r.cityId)));
    const nameOf = await cityNamesOf(this.manager, cityIds);
    const peopleIn = new Map(people.map((r) => [String(r.cityId), num(r.people)]));
    const newPeopleIn = new Map(newPeople.map((r) => [String(r.cityId), num(r.people)]));
    const ofCity = <R extends { cityId: string | number | null }>(rows: R[]) => {
      const groups = groupBy(rows, (r) => String(r.cityId));
      return (cityId: string): R[] => groups.get(cityId) ?? [];
    };
    const [attendancesIn, firstsIn, directoryIn] = [ofCity(schoolAttendances), ofCity(schoolFirsts), ofCity(directorySchools)];
    return [...cityIds].sort().map((cityId) => {
      const participants = peopleIn.get(cityId) ?? 0;
      const newParticipants = newPeopleIn.get(cityId) ?? 0;
      const schools = schoolReach(
        {
          attendancesBySchool: new Map(attendancesIn(cityId).map((r) => [String(r.schoolId), num(r.attendances)])),
          firstReachedOn: new Map(firstsIn(cityId).map((r) => [String(r.schoolId), String(r.firstOn)])),
          directorySchools: directoryIn(cityId).map((r) => String(r.schoolId)),
        },
        period,
      );
      return { cityId, cityName: nameOf(cityId), participants, newParticipants, repeatParticipants: participants - newParticipants, ...schools };
    });
  }

  async crossSector(cities: Cities, period: Period): Promise<CrossSectorItem[]> {
    if (cities?.length === 0) return [];
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
    if (cities?.length === 0) return [];
    const select = this.manager.createQueryBuilder(ProgramSeries, 's').orderBy('s.cityId').addOrderBy('s.seriesId');
    if (cities) select.where('s.cityId IN (:...cities)', { cities });
    const all = await select.getMany();
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

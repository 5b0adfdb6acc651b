import { type Period, within } from '../reporting/period.rules';
import { share } from '../reporting/share.rules';

/** The top 10% of schools, rounded up: 1 of 1 to 10 schools, 2 of 11 to 20, ... */
export function topSchoolCount(schools: number): number {
  return Math.ceil(schools / 10);
}

/**
 * Concentration: the share of the attendances that came from the top 10% of schools by attendances (ties at
 * the edge do not matter: only the counts are summed). Null without attendances.
 */
export function concentration(attendancesPerSchool: readonly number[]): { topSchools: number; topSchoolsShare: number | null } {
  const sorted = [...attendancesPerSchool].sort((a, b) => b - a);
  const topSchools = topSchoolCount(sorted.length);
  const total = sorted.reduce((sum, n) => sum + n, 0);
  const top = sorted.slice(0, topSchools).reduce((sum, n) => sum + n, 0);
  return { topSchools, topSchoolsShare: share(top, total) };
}

export interface SchoolReachFacts {
  /** Attendances in the period per reached school (the host school's own people excluded). */
  attendancesBySchool: ReadonlyMap<string, number>;
  /** Each school's first attendance in the city, ever. */
  firstReachedOn: ReadonlyMap<string, string>;
  /** The city's schools in the directory that had not closed before the period began. */
  directorySchools: readonly string[];
}

export interface SchoolReach {
  /** Schools reached in the period. */
  schools: number;
  /** Of those, schools whose first attendance in the city ever falls in the period. */
  newSchools: number;
  repeatSchools: number;
  /** Attendances in the period that reached a school (those of people with no school, or at their own school's event, are not). */
  schoolAttendances: number;
  topSchools: number;
  topSchoolsShare: number | null;
  /** The directory's schools of the city (open at the start of the period). */
  schoolsInCity: number;
  /** Of those, the ones no attendance in the city had reached by the end of the period. */
  neverReached: number;
}

/** A city's school figures of a period, counted by the database (see `ProgramMetrics.reach`). */
export interface SchoolReachCounts {
  /** Schools reached in the period. */
  schools: number;
  /** Of those, schools whose first attendance in the city ever falls in the period. */
  newSchools: number;
  /** Their attendances in the period. */
  schoolAttendances: number;
  /** The attendances of the top `topSchoolCount(schools)` of them by attendances. */
  topAttendances: number;
  /** The directory's schools of the city open at the start of the period. */
  schoolsInCity: number;
  /** Of those, the ones an attendance in the city had reached by the end of the period. */
  reachedByEnd: number;
}

export function schoolReachOf(counts: SchoolReachCounts): SchoolReach {
  return {
    schools: counts.schools,
    newSchools: counts.newSchools,
    repeatSchools: counts.schools - counts.newSchools,
    schoolAttendances: counts.schoolAttendances,
    topSchools: topSchoolCount(counts.schools),
    topSchoolsShare: share(counts.topAttendances, counts.schoolAttendances),
    schoolsInCity: counts.schoolsInCity,
    neverReached: counts.schoolsInCity - counts.reachedByEnd,
  };
}

/** The same figures from the facts themselves (what the database counts, spelled out). */
export function schoolReach(facts: SchoolReachFacts, period: Period): SchoolReach {
  const reached = [...facts.attendancesBySchool.keys()];
  const newSchools = reached.filter((school) => {
    const first = facts.firstReachedOn.get(school);
    return first !== undefined && within(first, { from: period.from });
  }).length;
  const reachedByEnd = (school: string): boolean => {
    const first = facts.firstReachedOn.get(school);
    return first !== undefined && within(first, { to: period.to });
  };
  const attendances = [...facts.attendancesBySchool.values()].sort((a, b) => b - a);
  return schoolReachOf({
    schools: reached.length,
    newSchools,
    schoolAttendances: attendances.reduce((sum, n) => sum + n, 0),
    topAttendances: attendances.slice(0, topSchoolCount(attendances.length)).reduce((sum, n) => sum + n, 0),
    schoolsInCity: facts.directorySchools.length,
    reachedByEnd: facts.directorySchools.filter(reachedByEnd).length,
  });
}
